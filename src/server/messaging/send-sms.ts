import "server-only";
import { smsSender } from "@/server/adapters/sms";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { smsSent } from "@/server/observability/metrics";

/**
 * Sends an SMS now (sign-in codes cannot wait for a queue) and records it in the outbox, whichever
 * sender is configured. A gateway failure is recorded on the row and reported to the caller.
 */
export async function sendSms(to: string, text: string, template: string): Promise<void> {
  const sender = smsSender();
  const row = await db.outboxMessage.create({
    data: { channel: "SMS", recipient: to, text, template, status: "SENDING", provider: sender.name, attempts: 1 },
    select: { id: true },
  });
  try {
    const result = await sender.send({ to, text });
    await db.outboxMessage.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: new Date(), providerMessageId: result.providerMessageId },
    });
    smsSent().inc({ provider: sender.name, outcome: "sent" });
  } catch (error) {
    smsSent().inc({ provider: sender.name, outcome: "failed" });
    logger.error({ event: "sms.send-failed", provider: sender.name, err: error }, `sms: sending via ${sender.name} failed`);
    await db.outboxMessage.update({
      where: { id: row.id },
      data: { status: "FAILED", lastError: error instanceof Error ? error.message : String(error) },
    });
    throw new AppError("DELIVERY_FAILED", "Не удалось отправить SMS. Попробуйте ещё раз через минуту.", { cause: error });
  }
}
