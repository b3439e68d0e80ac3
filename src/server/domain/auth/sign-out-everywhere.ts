import "server-only";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

/**
 * "Выйти на всех устройствах": bumps the user's session version, so every session signed in before,
 * this one included, is refused from its next request (currentActor compares the token's version). For a
 * lost phone or a shared computer. Audited, so support can tell why someone was signed out.
 */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  const at = now();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "user.sign-out-everywhere", entityType: "User", entityId: actor.id, at });
  });
}
