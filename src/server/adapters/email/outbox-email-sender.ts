import "server-only";
import type { EmailMessage, EmailSender } from "./email-sender";

/**
 * The development outbox: the email is only kept (in outbox_messages, shown at /dev/outbox) and logged.
 * Used whenever no email provider is configured.
 */
export class OutboxEmailSender implements EmailSender {
  readonly name = "outbox";

  async send(message: EmailMessage): Promise<{ providerMessageId?: string }> {
    console.info(`[dev-outbox] email to ${message.to}: ${message.subject}`);
    return {};
  }
}
