import "server-only";
import type { EmailMessage, EmailSender } from "./email-sender";

export const DEFAULT_RESEND_FROM = "Carely <no-reply@carely.example>";

interface ResendError {
  statusCode?: number;
  name?: string;
  message?: string;
}

/**
 * Resend (https://resend.com/docs/api-reference/emails/send-email): `POST /emails` with a bearer API key
 * and JSON `{from, to, subject, html, text}`; 200 answers `{id}`, errors answer `{statusCode, name, message}`.
 * The `Idempotency-Key` header makes a retry after a lost response return the first send, not a second email.
 */
export class ResendSender implements EmailSender {
  readonly name = "resend";

  constructor(private readonly config: { apiKey: string; baseUrl: string; from: string; timeoutMs?: number }) {}

  async send(message: EmailMessage): Promise<{ providerMessageId?: string }> {
    const base = this.config.baseUrl.endsWith("/") ? this.config.baseUrl : `${this.config.baseUrl}/`;
    let response: Response;
    try {
      response = await fetch(new URL("emails", base), {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.config.apiKey}`,
          "content-type": "application/json",
          "idempotency-key": message.idempotencyKey,
        },
        body: JSON.stringify({
          from: this.config.from,
          to: [message.to],
          subject: message.subject,
          html: message.html,
          text: message.text,
          // Tag values allow only ASCII letters, digits, "_" and "-".
          tags: message.tag ? [{ name: "template", value: message.tag.replace(/[^A-Za-z0-9_-]/g, "_") }] : undefined,
        }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`Resend is unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }

    const body = await response.text();
    const payload = parseJson(body);
    if (!response.ok) {
      const error = (payload ?? {}) as ResendError;
      const detail = [error.name, error.message].filter(Boolean).join(": ");
      throw new Error(`Resend answered HTTP ${response.status}${detail ? ` ${detail}` : ""}`);
    }
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== "string" || id === "") throw new Error("Resend accepted the email but returned no id");
    return { providerMessageId: id };
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}
