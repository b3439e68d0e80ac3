import "server-only";
import { queueReceiptCheck } from "@/server/domain/receipt-checks/queue-receipt-check";
import { logger } from "@/server/observability/logger";
import { decideReceiptAutomatically } from "./decide-receipt-automatically";

/**
 * What follows a receipt's filing or re-submission, once committed: its online check is queued (the
 * automatic rules run when it settles); without an online check the rules run now, on what the QR says.
 * Never throws: the request is filed, and a receipt the rules did not reach waits for a person.
 */
export async function afterReceiptRecorded(receipt: { id: number; checkable: boolean; fiscalKey: string | null }): Promise<void> {
  if (receipt.checkable) return queueReceiptCheck(receipt.id);
  if (!receipt.fiscalKey) return;
  try {
    await decideReceiptAutomatically({ receiptId: receipt.id });
  } catch (error) {
    logger.warn({ err: error, receiptId: receipt.id }, "automatic receipt rules failed; the receipt waits for a moderator");
  }
}
