import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** The address the shopper gets notification emails at, if they gave one. */
export async function getContactEmail(actor: Actor): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { contactEmail: true } });
  return user?.contactEmail ?? null;
}
