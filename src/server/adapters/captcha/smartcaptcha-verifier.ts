import "server-only";
import { logger } from "@/server/observability/logger";
import type { CaptchaVerifier } from "./captcha-verifier";

/**
 * Yandex SmartCaptcha's server check (https://yandex.cloud/ru/docs/smartcaptcha/concepts/validation):
 * POST /validate with `secret`, `token` and the user's `ip`; `{ "status": "ok" }` means solved. When the
 * service itself fails (not HTTP 200, no answer) Yandex advises letting the user through: the CAPTCHA only
 * adds cost to an attack, and the hard limits stay in force whatever it answers.
 */
export class SmartCaptchaVerifier implements CaptchaVerifier {
  readonly name = "smartcaptcha";

  constructor(
    private readonly serverKey: string,
    private readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async verify(token: string, ip: string | null): Promise<boolean> {
    if (!token.trim()) return false;
    const body = new URLSearchParams({ secret: this.serverKey, token });
    if (ip) body.set("ip", ip);
    let response: Response;
    try {
      response = await fetch(new URL("/validate", this.baseUrl), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      logger.warn({ event: "captcha.unavailable", err: error }, "SmartCaptcha did not answer; letting the user through");
      return true;
    }
    if (response.status !== 200) {
      logger.warn({ event: "captcha.unavailable", status: response.status }, "SmartCaptcha failed; letting the user through");
      return true;
    }
    const answer = (await response.json().catch(() => null)) as { status?: string } | null;
    return answer?.status === "ok";
  }
}
