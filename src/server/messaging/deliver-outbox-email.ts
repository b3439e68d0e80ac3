import "server-only";
import { EmailSendError, emailSender } from "@/server/adapters/email";
import { now } from "@/server/clock";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { logger } from "@/server/observability/logger";

/** Attempts per email before it is left FAILED for good (about 4 hours of retries in all). */
export const MAX_EMAIL_ATTEMPTS = 8;
/** A SENDING row whose sender died is taken up again after this long. */
const SENDING_LEASE_MS = 10 * 60_000;
const MAX_RETRY_DELAY_MS = 2 * 60 * 60_000;

/** Exponential backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most 2 hours. */
export function emailRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export type EmailDelivery = "SENT" | "FAILED" | "SKIPPED";

const claimedFields = { id: true, recipient: true, subject: true, html: true, text: true, template: true, attempts: true, createdAt: true } as const;
type ClaimedEmail = Prisma.OutboxMessageGetPayload<{ select: typeof claimedFields }>;

/** Rows the sweep may (re)send at `at`: new ones, failed ones whose backoff has passed, abandoned sends. */
function dueWhere(at: Date): Prisma.OutboxMessageWhereInput {
  return {
    channel: "EMAIL",
    attempts: { lt: MAX_EMAIL_ATTEMPTS },
    OR: [
      { status: "PENDING", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: at } }] },
      { status: { in: ["FAILED", "SENDING"] }, nextAttemptAt: { lte: at } },
    ],
  };
}

/**
 * The claim is one conditional UPDATE: of two deliverers racing for a row (the request's after() and the
 * sweep, or two sweeps) exactly one gets it. The lease in next_attempt_at lets the sweep recover a row
 * whose sender crashed mid-send; the provider's idempotency key keeps that from becoming a second email.
 */
async function claim(where: Prisma.OutboxMessageWhereInput, providerName: string): Promise<ClaimedEmail | null> {
  const at = now();
  const [row] = await db.outboxMessage.updateManyAndReturn({
    where: { ...where, channel: "EMAIL" },
    data: { status: "SENDING", attempts: { increment: 1 }, provider: providerName, nextAttemptAt: new Date(at.getTime() + SENDING_LEASE_MS) },
    select: claimedFields,
  });
  return row ?? null;
}

async function send(where: Prisma.OutboxMessageWhereInput): Promise<EmailDelivery> {
  const sender = emailSender();
  const row = await claim(where, sender.name);
  if (!row) return "SKIPPED";
  // Only the claim holder may record the outcome: a row re-claimed after an expired lease is not overwritten.
  const stillOurs = { id: row.id, status: "SENDING", attempts: row.attempts } as const;
  try {
    const result = await sender.send({
      to: row.recipient,
      subject: row.subject ?? "",
      html: row.html ?? undefined,
      text: row.text,
      // Row id plus creation time: stable across retries, unique across databases sharing one provider account.
      idempotencyKey: `carely-email-${row.id}-${row.createdAt.getTime()}`,
      tag: row.template ?? undefined,
    });
    await db.outboxMessage.updateMany({
      where: stillOurs,
      data: { status: "SENT", sentAt: now(), providerMessageId: result.providerMessageId ?? null, nextAttemptAt: null },
    });
    return "SENT";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refusal of the message itself (EmailSendError.permanent) is not retried.
    const retryable = !(error instanceof EmailSendError && error.permanent);
    const retryAt = retryable && row.attempts < MAX_EMAIL_ATTEMPTS ? new Date(now().getTime() + emailRetryDelayMs(row.attempts)) : null;
    logger.error({ event: "email.send-failed", outboxId: row.id, provider: sender.name, attempt: row.attempts }, `email: sending #${row.id} via ${sender.name} failed (attempt ${row.attempts}): ${message}`);
    await db.outboxMessage.updateMany({ where: stillOurs, data: { status: "FAILED", lastError: message.slice(0, 2000), nextAttemptAt: retryAt } });
    return "FAILED";
  }
}

/**
 * Sends one freshly queued email (PENDING) now, through the configured provider. A provider failure is
 * recorded on the row (FAILED, last error, next attempt) and never thrown: the change the email reports
 * is already committed. A row someone else has claimed or sent is skipped.
 */
export async function deliverOutboxEmail(id: number): Promise<EmailDelivery> {
  return send({ id, status: "PENDING" });
}

/**
 * The retry sweep: sends up to `limit` emails that are due (new, failed with their backoff passed, or
 * abandoned mid-send), oldest first. Meant to be run periodically by a scheduled job.
 */
export async function deliverDueEmails(limit = 20): Promise<Record<EmailDelivery, number>> {
  const at = now();
  // A send abandoned on its last attempt gets no retry: close it so it does not look in flight forever.
  await db.outboxMessage.updateMany({
    where: { channel: "EMAIL", status: "SENDING", attempts: { gte: MAX_EMAIL_ATTEMPTS }, nextAttemptAt: { lte: at } },
    data: { status: "FAILED", lastError: "Sending was interrupted on the last attempt", nextAttemptAt: null },
  });
  const due = await db.outboxMessage.findMany({
    where: dueWhere(at),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const counts: Record<EmailDelivery, number> = { SENT: 0, FAILED: 0, SKIPPED: 0 };
  // One at a time: a provider's rate limit is per second, and the sweep is not in anyone's way.
  for (const { id } of due) counts[await send({ id, ...dueWhere(at) })] += 1;
  return counts;
}
