import "server-only";
import { FULFILMENT_DIGEST_TEMPLATE, renderFulfilmentDigestEmail } from "@emails/fulfilment-digest";
import { MODERATION_DIGEST_TEMPLATE, renderModerationDigestEmail } from "@emails/moderation-digest";
import type { RenderedEmail } from "@emails/render-email";
import type { UserRole } from "@/generated/prisma/enums";
import { ORDER_STATUS_LABEL } from "@/lib/order-labels";
import { moscowDateKey } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { portalUrl } from "@/server/http/portal-url";
import { deliverOutboxEmail } from "@/server/messaging/deliver-outbox-email";
import { queueEmail } from "@/server/messaging/queue-email";
import { listFulfilmentDigest } from "./list-fulfilment-digest";
import { listModerationDigest } from "./list-moderation-digest";

export type DigestKind = "moderation" | "fulfilment";

export interface DigestOutcome {
  /** Whether there was anything to report (an empty digest is not sent). */
  hasContent: boolean;
  /** Staff the digest is for. */
  recipients: number;
  /** Emails queued by this run: fewer than recipients when the day's digest already went to some. */
  queued: number;
}

/**
 * Who reads each digest: the people who can act on it, as AREA_ROLES admits them to /moderation and /staff
 * (not imported from the session module, which pulls in Next.js request APIs the job worker runs without).
 */
const DIGEST_ROLES: Record<DigestKind, readonly UserRole[]> = { moderation: ["MODERATOR", "ADMIN"], fulfilment: ["STAFF", "ADMIN"] };

async function moderationEmail(at: Date): Promise<RenderedEmail | null> {
  const digest = await listModerationDigest({ at });
  if (digest.overdue + digest.dueToday === 0) return null;
  return renderModerationDigestEmail({
    at,
    overdue: digest.overdue,
    dueToday: digest.dueToday,
    items: digest.items.map((item) => ({ ...item, url: portalUrl(`/moderation/requests/${item.id}`) })),
    queueUrl: portalUrl(digest.overdue > 0 ? "/moderation?tab=overdue" : "/moderation?tab=today"),
    areaUrl: portalUrl("/moderation"),
  });
}

async function fulfilmentEmail(at: Date): Promise<RenderedEmail | null> {
  const digest = await listFulfilmentDigest({ at });
  if (digest.orders === 0) return null;
  return renderFulfilmentDigestEmail({
    ...digest,
    at,
    items: digest.items.map((item) => ({ ...item, statusLabel: ORDER_STATUS_LABEL[item.status], url: portalUrl(`/staff/orders/${item.id}`) })),
    queueUrl: portalUrl(digest.overdueOrders > 0 ? "/staff/orders?tab=overdue" : "/staff/orders?tab=new"),
    areaUrl: portalUrl("/staff"),
  });
}

/**
 * The morning digests (the job runs daily at 09:00 Moscow): moderators and administrators get the requests
 * overdue or due today, brand staff and administrators the prize orders due within a day or overdue. Each
 * digest is read once for everyone and rendered once; each active staff member gets it at most once per
 * Moscow day (the outbox's dedupe key `digest:<kind>:<userId>:<day>`), however often the job runs or is
 * retried. Nothing is sent when there is nothing to report. Delivery is tried at once; the outbox sweep
 * retries what fails.
 */
export async function sendStaffDigests({ at }: { at: Date }): Promise<Record<DigestKind, DigestOutcome>> {
  const day = moscowDateKey(at);
  const [moderation, fulfilment] = await Promise.all([moderationEmail(at), fulfilmentEmail(at)]);
  const emails: Record<DigestKind, { email: RenderedEmail | null; template: string }> = {
    moderation: { email: moderation, template: MODERATION_DIGEST_TEMPLATE },
    fulfilment: { email: fulfilment, template: FULFILMENT_DIGEST_TEMPLATE },
  };
  const staff = await db.user.findMany({
    where: { role: { in: ["MODERATOR", "STAFF", "ADMIN"] }, isActive: true, email: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, role: true, email: true },
  });

  const outcome = {} as Record<DigestKind, DigestOutcome>;
  const queued: number[] = [];
  await db.$transaction(async (tx) => {
    for (const kind of ["moderation", "fulfilment"] as const) {
      const { email, template } = emails[kind];
      const recipients = staff.filter((user) => DIGEST_ROLES[kind].includes(user.role));
      outcome[kind] = { hasContent: email !== null, recipients: email ? recipients.length : 0, queued: 0 };
      if (!email) continue;
      for (const user of recipients) {
        const id = await queueEmail(tx, { to: user.email!, ...email, template, dedupeKey: `digest:${kind}:${user.id}:${day}` });
        if (id === null) continue;
        queued.push(id);
        outcome[kind].queued += 1;
      }
    }
  });
  // Sent now rather than at the next sweep; a failure stays on the row for the sweep to retry.
  for (const id of queued) await deliverOutboxEmail(id);
  return outcome;
}
