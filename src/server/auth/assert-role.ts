import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import type { Actor } from "./session";

/**
 * Defence in depth for domain functions that change programme-wide data: the layout and the action
 * already checked the role, but a domain function must not trust every future caller to have done so.
 */
export function assertActorRole(actor: Actor, roles: readonly UserRole[]): void {
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
}
