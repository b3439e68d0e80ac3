import "server-only";
import { enqueueJob } from "@/server/jobs/job-queue";
import { logger } from "@/server/observability/logger";
import { RECEIPT_CHECK_QUEUE } from "./receipt-check-policy";

/**
 * Queues the online check of a receipt already marked CHECKING (in the transaction that filed it, or by a
 * moderator's re-check). Never throws: the CHECKING row is the durable record, and the worker's sweep
 * (sweep-receipt-checks.ts) queues any check whose job was never sent.
 */
export async function queueReceiptCheck(receiptId: number): Promise<void> {
  try {
    await enqueueJob(RECEIPT_CHECK_QUEUE, { receiptId });
  } catch (error) {
    logger.warn({ err: error, receiptId }, "receipt check not queued; the sweep will queue it");
  }
}
