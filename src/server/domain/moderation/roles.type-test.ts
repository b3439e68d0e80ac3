import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { claimRequest } from "./claim-request";
import { decideRequestPart } from "./decide-request-part";
import { listModerationQueue } from "./list-moderation-queue";

/**
 * Type test (`tsc --noEmit` checks it, nothing calls it): the moderation verbs take a moderator's checked
 * actor, as the wrapper and requirePageRole give it for AREA_ROLES.moderation or .admin, and nothing else.
 */
export function moderationRoleTypes({ shopper, moderator, staff, admin, unchecked }: TestActors): void {
  const decision = inputOf(decideRequestPart);
  void decideRequestPart(moderator, decision);
  void decideRequestPart(admin, decision);
  void claimRequest(moderator, inputOf(claimRequest));
  void listModerationQueue(admin, inputOf(listModerationQueue));

  // @ts-expect-error a shopper does not decide requests
  void decideRequestPart(shopper, decision);
  // @ts-expect-error brand staff do not moderate
  void decideRequestPart(staff, decision);
  // @ts-expect-error an actor whose role was never checked
  void decideRequestPart(unchecked, decision);
  // @ts-expect-error the type the wrapper gave before: a role alone is not a check
  void decideRequestPart(unchecked as typeof unchecked & { role: "MODERATOR" }, decision);
  // @ts-expect-error an object literal cannot claim a role
  void decideRequestPart({ id: 1, role: "MODERATOR", phone: null, email: null, name: null }, decision);
  // @ts-expect-error a shopper's checked actor with its role rewritten still carries the shopper's check
  void decideRequestPart({ ...shopper, role: "MODERATOR" }, decision);
  // @ts-expect-error a shopper does not claim requests
  void claimRequest(shopper, inputOf(claimRequest));
}
