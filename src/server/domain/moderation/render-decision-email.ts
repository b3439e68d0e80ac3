import "server-only";
import { type RequestDecidedEmailProps, renderRequestDecidedEmail } from "@emails/request-decided";
import type { RenderedEmail } from "@emails/render-email";
import { db } from "@/server/db/client";
import { portalUrl } from "@/server/http/portal-url";
import { logger } from "@/server/observability/logger";

/**
 * The "request decided" email for a decision about to be made, rendered before its transaction so the
 * transaction stays short. Null when the shopper gave no email address, or when rendering failed: an email
 * problem must never stop the decision (the in-cabinet notification is written regardless).
 */
export async function renderDecisionEmail(decision: Omit<RequestDecidedEmailProps, "requestUrl" | "cabinetUrl">): Promise<RenderedEmail | null> {
  const request = await db.reviewRequest.findUnique({
    where: { id: decision.requestId },
    select: { customer: { select: { contactEmail: true } } },
  });
  if (!request?.customer.contactEmail) return null;
  try {
    return await renderRequestDecidedEmail({
      ...decision,
      requestUrl: portalUrl(`/cabinet/requests/${decision.requestId}`),
      cabinetUrl: portalUrl("/cabinet"),
    });
  } catch (error) {
    logger.error({ event: "email.render-failed", requestId: decision.requestId, err: error }, `email: rendering the decision email for request ${decision.requestId} failed`);
    return null;
  }
}
