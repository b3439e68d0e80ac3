"use server";

import { requestSignInCode, requestSignInCodeInput } from "@/server/domain/auth/request-sign-in-code";
import { defineAction } from "@/server/http/define-action";

/** Step one of the shopper's sign-in: send a code by SMS. Anyone may call it, within the limits. */
export const requestSignInCodeAction = defineAction({
  name: "request-sign-in-code",
  roles: "public",
  // The phone from the form; the IP the per-IP limit counts comes from the request.
  input: requestSignInCodeInput.pick({ phone: true }),
  run: async ({ input, ip }) => {
    const result = await requestSignInCode(requestSignInCodeInput.parse({ phone: input.phone, ip }));
    return { phone: result.phone, resendAfterSeconds: 60 };
  },
});
