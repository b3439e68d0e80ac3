import "server-only";

/** The pg-boss queue the online receipt checks run on (registered in src/server/jobs/job-registry.ts). */
export const RECEIPT_CHECK_QUEUE = "receipt-check";
/** Calls to the service per check before a "try later" answer settles as FAILED. */
export const RECEIPT_CHECK_MAX_ATTEMPTS = 5;
/** pg-boss's backoff base: the n-th retry waits between base·2ⁿ⁻¹ and base·2ⁿ seconds (30 s … 8 min, about 15 min in all). */
export const RECEIPT_CHECK_RETRY_DELAY_SECONDS = 30;
/** A CHECKING receipt this long past its next try has lost its job (a crash, a failed send): the sweep queues it again. */
export const RECEIPT_CHECK_STALE_MS = 2 * 60_000;

/** The latest time the try after `attempts` failed tries is due: pg-boss's backoff upper bound, plus polling slack. */
export function receiptCheckNextTryBy(at: Date, attempts: number, retryDelaySeconds = RECEIPT_CHECK_RETRY_DELAY_SECONDS): Date {
  const backoffSeconds = attempts === 0 ? 0 : retryDelaySeconds * 2 ** attempts;
  return new Date(at.getTime() + (backoffSeconds + 10) * 1000);
}
