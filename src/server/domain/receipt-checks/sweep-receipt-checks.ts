import "server-only";
import { db } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/job-queue";
import { RECEIPT_CHECK_QUEUE, RECEIPT_CHECK_STALE_MS } from "./receipt-check-policy";

const BATCH = 500;
/** A re-queued check gets this long before the sweep looks at it again. */
const REQUEUE_GRACE_MS = 10 * 60_000;

/**
 * Queues again the checks that lost their job: CHECKING receipts well past their next try (the web process
 * could not reach the queue after filing, a worker died mid-check, pg-boss gave up after a crash). Pushing
 * next_check_at forward first keeps two sweeps from queuing the same receipt twice in a row.
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

async function staleIds(before: Date): Promise<number[]> {
  const rows = await db.receipt.findMany({
    where: { checkStatus: "CHECKING", OR: [{ checkNextAt: null }, { checkNextAt: { lt: before } }] },
    orderBy: { id: "asc" },
    take: BATCH,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
