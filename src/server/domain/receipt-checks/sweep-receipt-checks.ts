import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/job-queue";
import { JOBS_SCHEMA } from "@/server/jobs/jobs-schema";
import { RECEIPT_CHECK_QUEUE, RECEIPT_CHECK_STALE_MS } from "./receipt-check-policy";

const BATCH = 500;
/** A re-queued check gets this long before the sweep looks at it again. */
const REQUEUE_GRACE_MS = 10 * 60_000;

/**
 * Queues again the checks that lost their job: CHECKING receipts well past their next try (the web process
 * could not reach the queue after filing, a worker died mid-check, pg-boss gave up after a crash). One with a
 * job still waiting or running is left to it. Pushing check_next_at forward first keeps two sweeps from
 * queuing the same receipt twice in a row.
 */
export async function sweepReceiptChecks({ at }: { at: Date }): Promise<{ requeued: number }> {
  const stale = new Date(at.getTime() - RECEIPT_CHECK_STALE_MS);
  const rows = await db.receipt.updateManyAndReturn({
    where: { id: { in: await staleIds(stale) }, checkStatus: "CHECKING" },
    data: { checkNextAt: new Date(at.getTime() + REQUEUE_GRACE_MS) },
    select: { id: true },
  });
  for (const row of rows) await enqueueJob(RECEIPT_CHECK_QUEUE, { receiptId: row.id });
  return { requeued: rows.length };
}

/** Stale CHECKING receipts with no job of theirs waiting or running (a long backlog is not a lost job). */
async function staleIds(before: Date): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM receipts r
     WHERE r.check_status = 'CHECKING' AND (r.check_next_at IS NULL OR r.check_next_at < ${before})
       AND NOT EXISTS (
         SELECT 1 FROM ${Prisma.raw(`${JOBS_SCHEMA}.job`)} j
          WHERE j.name = ${RECEIPT_CHECK_QUEUE} AND j.state < 'completed' AND j.data->>'receiptId' = r.id::text)
     ORDER BY r.id
     LIMIT ${BATCH}`;
  return rows.map((row) => row.id);
}
