import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import type { AREA_ROLES } from "./area-roles";
import type { Actor } from "./session";

/**
 * The roles a check admitted, as a type only (no value carries it): without the symbol nobody can write
 * an object that has it, so an actor of this type comes from `hasActorRole` (directly, or through
 * `assertActorRole`, `requireActorRole`, `requirePageRole` and the edge wrapper) and from nowhere else.
 */
declare const admittedRoles: unique symbol;

/**
 * An actor whose role was checked against `R`. Both the role and the brand are covariant in `R`, so an actor
 * checked against fewer roles fits where more are admitted (an administrator's actor passes as a
 * moderator's), and one of another role, an unchecked `Actor` or an object literal does not.
 */
export type RoleActor<R extends UserRole> = Actor & { readonly role: R; readonly [admittedRoles]: R };

/** The shopper in the cabinet: their own data only. */
export type ShopperActor = RoleActor<(typeof AREA_ROLES.cabinet)[number]>;
/** Who works the moderation queue (moderators and administrators). */
export type ModeratorActor = RoleActor<(typeof AREA_ROLES.moderation)[number]>;
/** Who runs prizes, orders and figures (staff and administrators). */
export type StaffActor = RoleActor<(typeof AREA_ROLES.staff)[number]>;
/** Who changes programme-wide settings, staff accounts, templates, the calendar, outbox and privacy. */
export type AdminActor = RoleActor<(typeof AREA_ROLES.admin)[number]>;

/** The one role check: true (and the actor typed as checked) when the actor's role is one of `roles`. */
export function hasActorRole<R extends UserRole>(actor: Actor, roles: readonly R[]): actor is RoleActor<R> {
  return (roles as readonly UserRole[]).includes(actor.role);
}

/**
 * Defence in depth, as the first statement of every staff verb: the layout and the action already checked
 * the role, but a domain function must not trust every future caller to have done so. Also the way to turn
 * an actor read elsewhere (a test's, a bench's) into a checked one.
 */
export function assertActorRole<R extends UserRole>(actor: Actor, roles: readonly R[]): asserts actor is RoleActor<R> {
  if (!hasActorRole(actor, roles)) throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
}
