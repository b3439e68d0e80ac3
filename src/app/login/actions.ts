"use server";

import { deviceHash, ensureDeviceId } from "@/server/auth/device-cookie";
import { requestSignInCode, requestSignInCodeInput } from "@/server/domain/auth/request-sign-in-code";
import { defineAction } from "@/server/http/define-action";
import { ipRateLimitKey } from "@/server/http/client-ip";

/** Step one of the shopper's sign-in: send a code by SMS. Anyone may call it, within the limits (OTP_POLICY). */
export const requestSignInCodeAction = defineAction({
  name: "request-sign-in-code",
  roles: "public",
  // The phone and, when the form had to show one, the CAPTCHA token; where the request comes from (the IP
  // and the browser's device cookie) is the server's to know.
  input: requestSignInCodeInput.pick({ phone: true, captchaToken: true }),
  run: async ({ input, ip }) => {
    const result = await requestSignInCode(
      requestSignInCodeInput.parse({
        phone: input.phone,
        captchaToken: input.captchaToken || undefined,
        ipKey: ip ? ipRateLimitKey(ip) : null,
        deviceHash: deviceHash(await ensureDeviceId()),
      }),
    );
    return { phone: result.phone, resendAfterSeconds: result.resendAfterSeconds, sent: result.sent };
  },
});
