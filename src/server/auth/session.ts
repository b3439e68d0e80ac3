import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import type { UserRole } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { authOptions } from "./auth-options";

export interface Actor {
  id: number;
  role: UserRole;
  phone: string | null;
  email: string | null;
  name: string | null;
}

/** Who the areas admit. The administrator sees every staff area; the cabinet is the shopper's own. */
export const AREA_ROLES = {
  cabinet: ["CUSTOMER"],
  moderation: ["MODERATOR", "ADMIN"],
  staff: ["STAFF", "ADMIN"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly UserRole[]>;

/**
 * The signed-in user, re-read from the database once per request so that a deactivated account or a
 * changed role takes effect at once, whatever the session cookie says.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Who is asking is only known per request: never prerender a page that depends on it.
  await connection();
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, role: true, phone: true, email: true, name: true, isActive: true },
  });
  if (!user || !user.isActive) return null;
  return { id: user.id, role: user.role, phone: user.phone, email: user.email, name: user.name };
});

/** For layouts and pages: sends strangers to sign in and shows 403 to the wrong role. */
export async function requirePageRole(roles: readonly UserRole[]): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(roles.includes("CUSTOMER") ? "/login" : "/login/staff");
  if (!roles.includes(actor.role)) forbidden();
  return actor;
}

/** For server actions and route handlers: throws an AppError the caller turns into a response. */
export async function requireActorRole(roles: readonly UserRole[]): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Войдите, чтобы продолжить.");
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
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
