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

/** A provider's refusal. `permanent`: the message itself is refused, so sending it again cannot help. */
export class EmailSendError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "EmailSendError";
    this.permanent = options.permanent;
  }
}
