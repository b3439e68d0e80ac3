"use server";

import { headers } from "next/headers";
import { requestSignInCode, requestSignInCodeInput } from "@/server/domain/auth/request-sign-in-code";
import { type ActionResult, toActionError } from "@/server/errors";
import { clientIpFromHeaders } from "@/server/http/client-ip";

/** Step one of the shopper's sign-in: send a code by SMS. Anyone may call it, within the limits. */
export async function requestSignInCodeAction(phone: string): Promise<ActionResult<{ phone: string; resendAfterSeconds: number }>> {
  try {
    const input = requestSignInCodeInput.parse({ phone: String(phone ?? ""), ip: clientIpFromHeaders(await headers()) });
    const result = await requestSignInCode(input);
    return { ok: true, data: { phone: result.phone, resendAfterSeconds: 60 } };
  } catch (error) {
    return toActionError(error, "request-sign-in-code");
  }
}
