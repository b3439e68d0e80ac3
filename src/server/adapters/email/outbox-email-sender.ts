import "server-only";
import type { EmailMessage, EmailSender } from "./email-sender";
import { logger } from "@/server/observability/logger";

/**
 * The development outbox: the email is only kept (in outbox_messages, shown at /dev/outbox) and logged.
 * Used whenever no email provider is configured.
 */
export class OutboxEmailSender implements EmailSender {
  readonly name = "outbox";

  async send(message: EmailMessage): Promise<{ providerMessageId?: string }> {
    logger.info({ event: "dev-outbox.email" }, `dev-outbox: email to ${message.to}: ${message.subject}`);
    return {};
  }
}
