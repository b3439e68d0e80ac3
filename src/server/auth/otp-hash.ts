import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { SIGN_IN_CODE } from "@/lib/rules/sign-in-code";
import { authSecret } from "@/server/auth/secret";

/** A uniformly random code of SIGN_IN_CODE.digits digits. */
export function generateOtpCode(): string {
  return randomInt(0, 10 ** SIGN_IN_CODE.digits).toString().padStart(SIGN_IN_CODE.digits, "0");
}

/** Codes are stored as an HMAC bound to the phone, so a leaked table reveals nothing usable. */
export function hashOtpCode(phone: string, code: string): string {
  return createHmac("sha256", authSecret()).update(`${phone}:${code}`).digest("hex");
}

export function otpCodeMatches(phone: string, code: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashOtpCode(phone, code), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
