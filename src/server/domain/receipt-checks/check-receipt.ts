import "server-only";
import { type ReceiptCheckResult, receiptChecker } from "@/server/adapters/receipt-check";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { RECEIPT_CHECK_MAX_ATTEMPTS, RECEIPT_CHECK_RETRY_DELAY_SECONDS, receiptCheckNextTryBy } from "./receipt-check-policy";

/** Thrown for a "try later" answer with attempts left: pg-boss retries the job with its backoff. */
export class ReceiptCheckRetryLater extends Error {
  constructor(receiptId: number, attempts: number, reason: string | undefined) {
    super(`receipt ${receiptId}: the service asked to try later (attempt ${attempts}): ${reason ?? "no reason given"}`);
    this.name = "ReceiptCheckRetryLater";
  }
}

export type ReceiptCheckOutcome = { skipped: 1 } | { status: ReceiptCheckResult["status"]; attempts: number };

/**
 * One try of a receipt's online check, run by the receipt-check job. Idempotent per receipt: a receipt not
 * CHECKING (settled already, by this job's twin or an earlier run) is left alone. A "try later" answer with
 * attempts left keeps it CHECKING and throws (the job is retried with backoff); any other answer, or the
 * last attempt, settles it for the moderator.
 */
export async function checkReceipt(input: { receiptId: number; maxAttempts?: number; retryDelaySeconds?: number }): Promise<ReceiptCheckOutcome> {
  const maxAttempts = input.maxAttempts ?? RECEIPT_CHECK_MAX_ATTEMPTS;
  const receipt = await db.receipt.findUnique({ where: { id: input.receiptId }, select: { id: true, qrText: true, checkStatus: true, checkAttempts: true } });
  if (!receipt || receipt.checkStatus !== "CHECKING") return { skipped: 1 };

  // Counted before the call, so a worker dying mid-call still uses the attempt up.
  const attempts = receipt.checkAttempts + 1;
  const claimed = await db.receipt.updateMany({
    where: { id: receipt.id, checkStatus: "CHECKING", checkAttempts: receipt.checkAttempts },
    data: { checkAttempts: attempts, checkNextAt: receiptCheckNextTryBy(now(), attempts, input.retryDelaySeconds ?? RECEIPT_CHECK_RETRY_DELAY_SECONDS) },
  });
  // A twin job took this attempt at the same moment.
  if (claimed.count === 0) return { skipped: 1 };

  const result: ReceiptCheckResult = receipt.qrText
    ? await receiptChecker().check(receipt.qrText)
    : { status: "FAILED", message: "Нет текста QR-кода для проверки." };
  const stored = JSON.parse(JSON.stringify(result)) as object;

  if (result.status === "FAILED" && result.retryable && attempts < maxAttempts) {
    // The moderator sees the last answer beside "проверяется".
    await db.receipt.updateMany({ where: { id: receipt.id, checkStatus: "CHECKING" }, data: { checkResult: stored } });
    throw new ReceiptCheckRetryLater(receipt.id, attempts, result.message);
  }

  const failed = result.status === "NOT_FOUND" || result.status === "FAILED";
  await db.$transaction([
    db.receipt.updateMany({
      where: { id: receipt.id, checkStatus: "CHECKING" },
      data: { checkStatus: result.status, checkResult: stored, checkedAt: now(), checkNextAt: null },
    }),
    // The queue's "receipt check failed" filter reads the request's own column; only the part's current
    // receipt speaks for it (an older attempt's late answer does not).
    db.$executeRaw`
      UPDATE review_requests r SET receipt_check_failed = ${failed}
        FROM receipts c JOIN request_parts p ON p.id = c.part_id AND p.attempt = c.attempt
       WHERE c.id = ${receipt.id} AND r.id = p.request_id`,
  ]);
  return { status: result.status, attempts };
}
