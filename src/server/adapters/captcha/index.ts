import "server-only";
import { env } from "@/server/config/env";
import type { CaptchaVerifier } from "./captcha-verifier";
import { SmartCaptchaVerifier } from "./smartcaptcha-verifier";

/**
 * The CAPTCHA check when SMARTCAPTCHA_SERVER_KEY is set (the widget needs NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY
 * at build time); null otherwise — offline, no CAPTCHA is ever asked for and the limits alone apply.
 */
export function captchaVerifier(): CaptchaVerifier | null {
  const { SMARTCAPTCHA_SERVER_KEY, SMARTCAPTCHA_BASE_URL } = env();
  return SMARTCAPTCHA_SERVER_KEY ? new SmartCaptchaVerifier(SMARTCAPTCHA_SERVER_KEY, SMARTCAPTCHA_BASE_URL) : null;
}
