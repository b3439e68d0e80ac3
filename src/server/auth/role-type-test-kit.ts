import "server-only";
import type { Actor } from "./session";
import type { ShopperActor } from "./assert-role";
import type { AREA_ROLES } from "./area-roles";
import type { ActorFor } from "@/server/http/edge-call";

// For the areas' roles.type-test.ts files, which `tsc --noEmit` checks and nothing runs: declarations only.

/** An actor of each kind a verb might be handed: the staff ones as the edge wrapper gives them. */
export interface TestActors {
  shopper: ShopperActor;
  moderator: ActorFor<typeof AREA_ROLES.moderation>;
  staff: ActorFor<typeof AREA_ROLES.staff>;
  admin: ActorFor<typeof AREA_ROLES.admin>;
  /** Signed in, its role never checked (what `currentActor()` gives). */
  unchecked: Actor;
}

/** A verb's input, by type only (no value: calling it would throw, and nothing does). */
export declare function inputOf<F extends (...args: never[]) => unknown>(verb: F): Parameters<F>[1];
