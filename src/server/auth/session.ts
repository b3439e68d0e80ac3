import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import type { UserRole } from "@/generated/prisma/enums";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type RoleActor, assertActorRole, hasActorRole } from "./assert-role";
import { authOptions } from "./auth-options";
import { type SessionClaims, claimsOfSession } from "./session-claims";

export interface Actor {
  id: number;
  role: UserRole;
  phone: string | null;
  email: string | null;
  name: string | null;
}

// Re-exported: the layouts, pages and actions name the roles they admit beside requirePageRole and the wrapper.
export { AREA_ROLES } from "./area-roles";

/**
 * The signed-in user, re-read from the database once per request so that a deactivated account, a changed
 * role or an ended session takes effect at once, whatever the session cookie says. A session that fails
 * the check is no session: pages send to sign-in, actions get UNAUTHENTICATED, route handlers 401.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Who is asking is only known per request: never prerender a page that depends on it.
  await connection();
  return actorForSession(claimsOfSession(await getServerSession(authOptions())));
});

/**
 * The user a session's claims stand for, or null when the sign-in has ended: past its 30 days, signed out
 * (its id revoked), or outdated by a session-version bump (sign-out everywhere, deactivation, role change,
 * data deletion). Tokens without claims (issued before sessions could be ended) are refused too.
 */
export async function actorForSession(claims: SessionClaims | null): Promise<Actor | null> {
  if (!claims || claims.signedInUntil <= now()) return null;
  // One statement (the revocation is a NOT EXISTS inside it): this runs on every request.
  const user = await db.user.findFirst({
    where: {
      id: claims.userId,
      isActive: true,
      sessionVersion: claims.sessionVersion,
      revokedSessions: { none: { sessionId: claims.sessionId } },
    },
    select: { id: true, role: true, phone: true, email: true, name: true },
  });
  return user ? { id: user.id, role: user.role, phone: user.phone, email: user.email, name: user.name } : null;
}

/** For layouts and pages: sends strangers to sign in and shows 403 to the wrong role. */
export async function requirePageRole<R extends UserRole>(roles: readonly R[]): Promise<RoleActor<R>> {
  const actor = await currentActor();
  if (!actor) redirect((roles as readonly UserRole[]).includes("CUSTOMER") ? "/login" : "/login/staff");
  if (!hasActorRole(actor, roles)) forbidden();
  return actor;
}

/** For server actions and route handlers: throws an AppError the caller turns into a response. */
export async function requireActorRole<R extends UserRole>(roles: readonly R[]): Promise<RoleActor<R>> {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Войдите, чтобы продолжить.");
  assertActorRole(actor, roles);
  return actor;
}

/** Where each role starts after signing in. */
export function homePathFor(role: UserRole): string {
  switch (role) {
    case "CUSTOMER":
      return "/cabinet";
    case "MODERATOR":
      return "/moderation";
    case "STAFF":
      return "/staff";
    case "ADMIN":
      return "/moderation";
  }
}
