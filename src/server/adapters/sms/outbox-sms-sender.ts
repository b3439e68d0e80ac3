import "server-only";
import type { SmsSender } from "./sms-sender";
import { logger } from "@/server/observability/logger";

/**
 * The development outbox: the message is only kept (in outbox_messages, shown at /dev/outbox) and logged.
 * Used whenever no SMS gateway is configured.
 */
export class OutboxSmsSender implements SmsSender {
  readonly name = "outbox";

  async send(message: { to: string; text: string }): Promise<{ providerMessageId?: string }> {
    logger.info({ event: "dev-outbox.sms" }, `dev-outbox: SMS to ${message.to}: ${message.text}`);
    return {};
  }
}
