import "server-only";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { deleteStoredObjects } from "./delete-stored-objects";
import type { ObjectDeletionReason } from "./queue-object-deletions";

const BATCH = 200;
const MAX_BATCHES = 25;
/** A claimed record is left alone this long, so two workers (or a run and an immediate delete) rarely overlap. */
const LEASE_MINUTES = 10;

/**
 * The storage-deletions job: retries the stored objects whose deletion is still pending and due. Claims a
 * batch at a time (SKIP LOCKED: workers never wait for each other), pushing its next attempt past a lease,
 * then deletes; a failure sets the record's own backoff. Idempotent: deleting a missing object is not an error.
 */
export async function sweepObjectDeletions(options: { at?: Date } = {}): Promise<{ deleted: number; failed: number; pending: number }> {
  const at = options.at ?? now();
  const leaseUntil = new Date(at.getTime() + LEASE_MINUTES * 60_000);
  let deleted = 0;
  let failed = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const claimed = await db.$queryRaw<{ storage_key: string; reason: string }[]>`
      UPDATE storage_deletions SET next_attempt_at = ${leaseUntil}
       WHERE id IN (SELECT id FROM storage_deletions WHERE next_attempt_at <= ${at} ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING storage_key, reason`;
    if (claimed.length === 0) break;
    const byReason = new Map<ObjectDeletionReason, string[]>();
    for (const row of claimed) {
      const reason = row.reason as ObjectDeletionReason;
      byReason.set(reason, [...(byReason.get(reason) ?? []), row.storage_key]);
    }
    for (const [reason, keys] of byReason) {
      const outcome = await deleteStoredObjects(keys, reason, { at });
      deleted += outcome.deleted;
      failed += outcome.failed;
    }
    if (claimed.length < BATCH) break;
  }
  return { deleted, failed, pending: await db.storageDeletion.count() };
}
