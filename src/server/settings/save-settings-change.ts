import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import type { Tx } from "@/server/db/client";

/**
 * Inside the caller's transaction (which holds the key's advisory lock): stores `after` as the settings
 * row `key` and writes one audit row with the old and new value of each changed field. Nothing is written
 * when nothing changed. Returns the changed fields, in `after`'s order.
 */
export async function saveSettingsChange<T extends Record<string, Prisma.InputJsonValue | null>>(
  tx: Tx,
  change: { key: string; action: string; actorId: number; at: Date; before: T; after: T },
): Promise<(keyof T & string)[]> {
  const { key, action, actorId, at, before, after } = change;
  const changed = (Object.keys(after) as (keyof T & string)[]).filter((field) => after[field] !== before[field]);
  if (changed.length === 0) return changed;
  await tx.setting.upsert({
    where: { key },
    create: { key, value: after, updatedById: actorId },
    update: { value: after, updatedById: actorId },
  });
  await writeAuditEntry(tx, {
    actorId,
    action,
    entityType: "Setting",
    entityId: key,
    data: { before: Object.fromEntries(changed.map((field) => [field, before[field]])), after: Object.fromEntries(changed.map((field) => [field, after[field]])) },
    at,
  });
  return changed;
}
