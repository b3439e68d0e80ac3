import "server-only";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { objectStorage } from "@/server/storage";
import type { ObjectDeletionReason } from "./queue-object-deletions";

/** Deletes at a time: a shopper with hundreds of photos must not open hundreds of connections at once. */
const CONCURRENCY = 8;
const MAX_BACKOFF_MINUTES = 6 * 60;

/**
 * Deletes stored objects now. Each success removes the object's pending-deletion record; each failure
 * keeps (or creates) it with the attempt count, the error and the next attempt time (2, 4, 8 … minutes,
 * at most 6 hours), for the storage-deletions job. Deleting a missing object is not an error, so running
 * this twice for the same keys, or concurrently with the job, is safe. Never throws for a storage failure.
 */
export async function deleteStoredObjects(
  keys: readonly string[],
  reason: ObjectDeletionReason,
  options: { at?: Date } = {},
): Promise<{ deleted: number; failed: number }> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return { deleted: 0, failed: 0 };
  const storage = objectStorage();
  const deleted: string[] = [];
  const failed: { key: string; error: string }[] = [];

  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const key = unique[next++]!;
      try {
        await storage.delete(key);
        deleted.push(key);
      } catch (error) {
        failed.push({ key, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));

  if (deleted.length > 0) await db.storageDeletion.deleteMany({ where: { storageKey: { in: deleted } } });
  const at = options.at ?? now();
  for (const { key, error } of failed) {
    await db.$executeRaw`
      INSERT INTO storage_deletions (storage_key, reason, attempts, last_error, next_attempt_at, created_at)
      VALUES (${key}, ${reason}, 1, ${error}, ${new Date(at.getTime() + 2 * 60_000)}, ${at})
      ON CONFLICT (storage_key) DO UPDATE
        SET attempts = storage_deletions.attempts + 1,
            last_error = EXCLUDED.last_error,
            next_attempt_at = ${at}::timestamp(3) + make_interval(mins => LEAST(power(2, storage_deletions.attempts + 1)::int, ${MAX_BACKOFF_MINUTES}))`;
  }
  if (failed.length > 0) {
    logger.warn(
      { event: "storage.delete_failed", storage: storage.name, reason, failed: failed.length, of: unique.length, firstError: failed[0]?.error },
      `${failed.length} of ${unique.length} stored objects were not deleted; the storage-deletions job retries them`,
    );
  }
  return { deleted: deleted.length, failed: failed.length };
}
