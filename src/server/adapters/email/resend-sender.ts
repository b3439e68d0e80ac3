import "server-only";
import { type ErrorResponse, Resend } from "resend";
import { EmailSendError, type EmailMessage, type EmailSender } from "./email-sender";

export const DEFAULT_RESEND_FROM = "Carely <no-reply@carely.example>";
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Errors about the message itself: sending it again cannot succeed, so the outbox stops retrying. Everything
 * else (5xx, rate limits and quotas, a refused API key an operator can fix, a concurrent send with the same
 * idempotency key, the network) is retried with the outbox's backoff.
 */
const PERMANENT_ERRORS = new Set<ErrorResponse["name"]>([
  "validation_error",
  "missing_required_field",
  "invalid_from_address",
  "invalid_attachment",
  "invalid_parameter",
  "invalid_idempotency_key",
  // The same key was used with another payload: a retry would be refused the same way.
  "invalid_idempotent_request",
]);

/**
 * Resend through its official SDK (`resend`): `emails.send` posts `{from, to, subject, html, text, tags}` to
 * `POST /emails`. The `Idempotency-Key` (the outbox row's stable key) makes a retry after a lost response
 * return the first send, not a second email. The SDK never throws: it answers `{data, error}`, mapped here
 * to a thrown `EmailSendError` (permanent or not) for the outbox's retry logic.
 */
export class ResendSender implements EmailSender {
  readonly name = "resend";
  private readonly client: Resend;

  constructor(private readonly config: { apiKey: string; baseUrl: string; from: string; timeoutMs?: number }) {
    // The SDK would read RESEND_BASE_URL itself; passing the validated value keeps env.ts the one source.
    this.client = new Resend(config.apiKey, { baseUrl: config.baseUrl.replace(/\/+$/, "") });
  }

  async send(message: EmailMessage): Promise<{ providerMessageId?: string }> {
    const signal = AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const { data, error } = await this.client.emails.send(
      {
        from: this.config.from,
        to: [message.to],
        subject: message.subject,
        html: message.html,
        text: message.text,
        // Tag values allow only ASCII letters, digits, "_" and "-".
        tags: message.tag ? [{ name: "template", value: message.tag.replace(/[^A-Za-z0-9_-]/g, "_") }] : undefined,
      },
      { idempotencyKey: message.idempotencyKey, signal },
    );
    if (error) {
      // No status: the request never got an answer (refused connection, DNS, our timeout).
      if (error.statusCode === null || error.statusCode === undefined) {
        const reason = signal.aborted ? `no answer in ${Math.ceil((this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` : error.message;
        throw new EmailSendError(`Resend is unreachable: ${reason}`, { permanent: false });
      }
      const detail = [error.name, error.message].filter(Boolean).join(": ");
      throw new EmailSendError(`Resend answered HTTP ${error.statusCode}${detail ? ` ${detail}` : ""}`, { permanent: PERMANENT_ERRORS.has(error.name) });
    }
    if (typeof data?.id !== "string" || data.id === "") throw new EmailSendError("Resend accepted the email but returned no id", { permanent: false });
    return { providerMessageId: data.id };
  }
}
