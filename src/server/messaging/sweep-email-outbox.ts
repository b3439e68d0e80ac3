import "server-only";
import { type EmailDelivery, deliverDueEmails } from "./deliver-outbox-email";

const BATCH_SIZE = 50;
/** The sweep runs every minute: stop starting new batches well before the next run is due. */
const TIME_BUDGET_MS = 45_000;

/**
 * The scheduled outbox sweep: sends what is due (new emails the request's after() did not get to, failed
 * ones past their backoff, sends abandoned by a crashed process) batch after batch until nothing due is
 * left or the time budget is spent, so a backlog (a Resend outage, a day's forfeiture warnings) drains
 * within minutes rather than at one batch a minute. Each row is claimed before it is sent, so sweeps that
 * overlap (two worker processes) never send one row twice.
 */
export async function sweepEmailOutbox(options: { batchSize?: number; timeBudgetMs?: number } = {}): Promise<Record<EmailDelivery, number>> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const stopAfter = Date.now() + (options.timeBudgetMs ?? TIME_BUDGET_MS);
  const total: Record<EmailDelivery, number> = { SENT: 0, FAILED: 0, SKIPPED: 0 };
  for (;;) {
    const batch = await deliverDueEmails(batchSize);
    total.SENT += batch.SENT;
    total.FAILED += batch.FAILED;
    total.SKIPPED += batch.SKIPPED;
    // A short batch means nothing else is due now: a failed row's next attempt lies in the future.
    if (batch.SENT + batch.FAILED + batch.SKIPPED < batchSize || Date.now() >= stopAfter) return total;
  }
}
