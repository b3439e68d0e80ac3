import "server-only";
import { AppError } from "@/server/errors";
import { isDevOutboxEnabled } from "@/server/config/env";
import { db } from "@/server/db/client";

/**
 * The development outbox: every SMS and email the portal "sent" while no provider is configured.
 * Only available in development and local demo runs — it shows sign-in codes, so never in production.
 */
export async function listDevOutbox(options: { recipient?: string; take?: number } = {}) {
  if (!isDevOutboxEnabled()) throw new AppError("NOT_FOUND", "Страница не найдена.");
  return db.outboxMessage.findMany({
    where: options.recipient ? { recipient: { contains: options.recipient } } : undefined,
    // Rows written in one statement share created_at; the id keeps their order stable.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 100,
    select: {
      id: true,
      channel: true,
      recipient: true,
      subject: true,
      text: true,
      status: true,
      provider: true,
      createdAt: true,
      // Emails: a template's output has an HTML part to preview; why and when a send failed.
      template: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
    },
  });
}
