import "server-only";
import { now } from "@/server/clock";
import type { Tx } from "@/server/db/client";

export type ObjectDeletionReason = "privacy" | "prize-image" | "orphan";

/**
 * Records, in the transaction that stops referring to them, the stored objects to delete. The record is
 * the promise: deleteStoredObjects tries at once after the commit, and the storage-deletions job retries
 * whatever is left, so a storage outage or a crash between the commit and the delete loses nothing.
 * Recording a key twice keeps the first record.
 */
export async function queueObjectDeletions(tx: Tx, keys: readonly string[], reason: ObjectDeletionReason): Promise<void> {
  if (keys.length === 0) return;
  const at = now();
  // Due at once: if the immediate delete after the commit never runs (a crash), the next sweep does it.
  await tx.storageDeletion.createMany({ data: keys.map((storageKey) => ({ storageKey, reason, nextAttemptAt: at, createdAt: at })), skipDuplicates: true });
}
