import "server-only";
import type { SmsSender } from "./sms-sender";

interface SmsRuResponse {
  status: "OK" | "ERROR";
  status_code: number;
  status_text?: string;
  sms?: Record<string, { status: "OK" | "ERROR"; status_code: number; sms_id?: string; status_text?: string }>;
}

/**
 * SMS.ru gateway (https://sms.ru/api/send): `POST /sms/send` with `api_id`, `to`, `msg`, `json=1`.
 * The response is 200 even for failures; success is `status: "OK"` both overall and for the number.
 */
export class SmsRuSender implements SmsSender {
  readonly name = "sms.ru";

  constructor(
    private readonly config: { apiId: string; baseUrl: string; from?: string; timeoutMs?: number },
  ) {}

  async send(message: { to: string; text: string }): Promise<{ providerMessageId?: string }> {
    const to = message.to.replace(/^\+/, "");
    const body = new URLSearchParams({ api_id: this.config.apiId, to, msg: message.text, json: "1" });
    if (this.config.from) body.set("from", this.config.from);
    const response = await fetch(new URL("/sms/send", this.config.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`SMS.ru answered HTTP ${response.status}`);
    const payload = (await response.json()) as SmsRuResponse;
    if (payload.status !== "OK") {
      throw new Error(`SMS.ru refused the request: ${payload.status_code} ${payload.status_text ?? ""}`.trim());
    }
    const perNumber = payload.sms?.[to];
    if (!perNumber || perNumber.status !== "OK") {
      throw new Error(
        `SMS.ru did not accept the number: ${perNumber?.status_code ?? "?"} ${perNumber?.status_text ?? ""}`.trim(),
      );
    }
    return { providerMessageId: perNumber.sms_id };
  }
}
