import "server-only";
import { SIGN_IN_CODE } from "@/lib/rules/sign-in-code";

/**
 * Sign-in code limits. The code itself (SIGN_IN_CODE, src/lib/rules/sign-in-code.ts) is bound to the browser
 * that asked for it.
 *
 * Guessing. Each try against a code the guesser does not know succeeds with probability 1/1,000,000.
 * Browsers the account has not signed in from ("untrusted": every attacker's) share one budget of wrong
 * codes per phone: 10 per 15 minutes and 90 per 24 hours; once it is spent, their tries are refused before
 * any code is compared (under an advisory lock, so parallel tries cannot overrun it). In any 24 hours an
 * attacker therefore gets at most 90 compared tries, and
 *     P(guessing a phone's code within a day) ≤ 90 × 10⁻⁶ = 0.9 × 10⁻⁴ < 1 in 10,000.
 * Requesting more codes does not help: the budget counts wrong tries, not codes.
 *
 * Lockout. An attacker has neither the SMS nor the owner's browser cookie, so:
 * - the owner's codes cannot be spent or replaced by the attacker (a code works only in the browser that
 *   asked for it, and a new code replaces only that browser's earlier ones);
 * - the per-browser request limits are the owner's own;
 * - the limits an attacker can exhaust for a phone (requests per phone, the wrong-code budget, per IP, the
 *   portal-wide SMS cap) apply only to untrusted browsers: a browser the account signed in from within
 *   180 days (src/server/auth/sign-in-trust.ts) is never kept out.
 * A browser new to the account waits for the 15-minute windows; only while someone keeps spending the
 * phone's whole daily wrong-code budget does it wait longer — that is the price of the bound above.
 */
export const OTP_POLICY = {
  /** Requests from one browser for one phone: one per resend delay, and a few an hour. */
  perDevice: [
    { limit: 1, windowSeconds: SIGN_IN_CODE.resendAfterSeconds },
    { limit: 5, windowSeconds: 60 * 60 },
  ],
  /** Requests for one phone from all untrusted browsers together. */
  perPhone: [{ limit: 3, windowSeconds: 15 * 60 }],
  /** Requests from one IP (an IPv6 /64) from untrusted browsers. */
  perIp: [{ limit: 20, windowSeconds: 60 * 60 }],
  /** Wrong codes for one phone from all untrusted browsers together (the guessing bound above). */
  wrongCodesPerPhone: [
    { limit: 10, windowSeconds: 15 * 60 },
    { limit: 90, windowSeconds: 24 * 60 * 60 },
  ],
  /**
   * With SmartCaptcha configured, an untrusted browser's request needs a solved CAPTCHA once its IP asked
   * for this many codes within the hour, or the phone got this many from untrusted browsers within 15 minutes.
   */
  captchaAfter: { perIpPerHour: 3, perPhonePer15Minutes: 1 },
} as const;

export const PHONE_INVALID_MESSAGE =
  "Введите российский мобильный номер, например +7 912 345-67-89 или 8 912 345-67-89.";
