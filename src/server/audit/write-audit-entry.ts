import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/client";

/** One audit row per staff decision or change (or an automatic rule's: no actor, the rule in `data.rule`), written in the same transaction as the change. */
export async function writeAuditEntry(
  tx: Tx,
  entry: { actorId: number | null; action: string; entityType: string; entityId: string | number; data?: Prisma.InputJsonValue; at: Date },
): Promise<void> {
  await tx.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, entityType: entry.entityType, entityId: String(entry.entityId), data: entry.data, createdAt: entry.at },
  });
}
