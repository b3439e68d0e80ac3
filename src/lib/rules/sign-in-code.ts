// The shopper's SMS sign-in code: its shape, lifetime, tries and how soon another may be sent. Shared by the
// sign-in form and the auth verbs; the limits on requests and wrong codes are OTP_POLICY
// (src/server/domain/auth/otp-policy.ts), which explains why an attacker can neither guess nor lock out.
import { pluralRu } from "@/lib/plural-ru";

export const SIGN_IN_CODE = {
  /** A uniformly random code of this many decimal digits. */
  digits: 6,
  ttlSeconds: 5 * 60,
  /** Tries against one code; then it is locked and a new one must be requested. */
  maxAttempts: 5,
  /** Seconds before the form offers "send again": one code per browser per this many seconds. */
  resendAfterSeconds: 60,
} as const;

/** The code's shape, for `<input pattern>` and for the server's check. */
export const SIGN_IN_CODE_PATTERN = `\\d{${SIGN_IN_CODE.digits}}`;

export const SIGN_IN_CODE_FORMAT_MESSAGE = `Код — это ${SIGN_IN_CODE.digits} ${pluralRu(SIGN_IN_CODE.digits, ["цифра", "цифры", "цифр"])} из SMS.`;

export function isSignInCodeShape(code: string): boolean {
  return new RegExp(`^${SIGN_IN_CODE_PATTERN}$`).test(code);
}

/** A first sign-in without the 152-ФЗ consent box ticked: said by the box, in the form and by the server alike. */
export const CONSENT_MISSING_MESSAGE = "Чтобы участвовать, подтвердите согласие на обработку персональных данных.";
