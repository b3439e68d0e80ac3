"use server";

import { headers } from "next/headers";
import { deviceHash, ensureDeviceId } from "@/server/auth/device-cookie";
import { OTP_RESEND_AFTER_SECONDS } from "@/server/domain/auth/otp-policy";
import { requestSignInCode, requestSignInCodeInput } from "@/server/domain/auth/request-sign-in-code";
import { type ActionResult, toActionError } from "@/server/errors";
import { clientIpFromHeaders, ipRateLimitKey } from "@/server/http/client-ip";

/** Step one of the shopper's sign-in: send a code by SMS. Anyone may call it, within the limits. */
export async function requestSignInCodeAction(phone: string, captchaToken?: string): Promise<ActionResult<{ phone: string; resendAfterSeconds: number }>> {
  try {
    const ip = clientIpFromHeaders(await headers());
    const input = requestSignInCodeInput.parse({
      phone: String(phone ?? ""),
      ipKey: ip ? ipRateLimitKey(ip) : null,
      deviceHash: deviceHash(await ensureDeviceId()),
      captchaToken: captchaToken || undefined,
    });
    const result = await requestSignInCode(input);
    return { ok: true, data: { phone: result.phone, resendAfterSeconds: OTP_RESEND_AFTER_SECONDS } };
  } catch (error) {
    return toActionError(error, "request-sign-in-code");
  }
}
