import "server-only";
import { env } from "@/server/config/env";
import type { EmailSender } from "./email-sender";
import { OutboxEmailSender } from "./outbox-email-sender";
import { DEFAULT_RESEND_FROM, ResendSender } from "./resend-sender";

export type { EmailMessage, EmailSender } from "./email-sender";
export { EmailSendError } from "./email-sender";

/** The configured email provider: Resend when RESEND_API_KEY is set, else the development outbox. */
export function emailSender(): EmailSender {
  const config = env();
  if (config.RESEND_API_KEY) {
    return new ResendSender({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL, from: config.RESEND_FROM ?? DEFAULT_RESEND_FROM });
  }
  return new OutboxEmailSender();
}
