import "server-only";
import { after } from "next/server";
import { deliverDueEmails, deliverOutboxEmail } from "./deliver-outbox-email";
import { logger } from "@/server/observability/logger";

/**
 * Emails retried in passing after each delivery. The job runner's every-minute sweep (sweep-email-outbox)
 * is the real retry loop; this only shortens the wait when it is busy, or off on this deployment.
 */
const SWEEP_IN_PASSING = 5;

/**
 * Sends a queued email once the response has gone out (Next's after()), so the user never waits on the
 * provider, and a provider failure can never fail the action that queued it.
 */
export function deliverEmailAfterResponse(id: number): void {
  after(async () => {
    try {
      await deliverOutboxEmail(id);
      await deliverDueEmails(SWEEP_IN_PASSING);
    } catch (error) {
      logger.error({ event: "email.deliver-after-response-failed", outboxId: id, err: error }, `email: delivering #${id} after the response failed`);
    }
  });
}
