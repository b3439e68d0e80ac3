import "server-only";
import { isDevOutboxEnabled } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

/** One email of the development outbox with its HTML, for the preview. Closed in production like the list. */
export async function getDevOutboxEmail(id: number): Promise<{ subject: string | null; html: string }> {
  if (!isDevOutboxEnabled()) throw new AppError("NOT_FOUND", "Страница не найдена.");
  const message = await db.outboxMessage.findFirst({ where: { id, channel: "EMAIL", html: { not: null } }, select: { subject: true, html: true } });
  if (!message?.html) throw new AppError("NOT_FOUND", "Письмо не найдено.");
  return { subject: message.subject, html: message.html };
}
