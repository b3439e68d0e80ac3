import "server-only";

export interface EmailMessage {
  to: string;
  subject: string;
  html?: string;
  text: string;
  /** Stable across retries of one message, so a provider that already accepted it does not send it again. */
  idempotencyKey: string;
  /** The template's name, for the provider's statistics. */
  tag?: string;
}

/** Sends one email. Implementations: the development outbox, Resend. */
export interface EmailSender {
  /** Stored in the outbox row: "outbox" for the local one, else the provider's name. */
  readonly name: string;
  send(message: EmailMessage): Promise<{ providerMessageId?: string }>;
}
