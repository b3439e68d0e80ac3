import { signIn } from "next-auth/react";
import { GENERIC_ERROR_MESSAGE } from "@/lib/action-result";

/**
 * Signs in through one of next-auth's credentials providers without a redirect. Returns null on
 * success, else the Russian message to show: the server's own message for expected errors
 * (authorize throws them), the generic one for anything else.
 */
export async function signInWithCredentials(provider: "phone-otp" | "staff-password", fields: Record<string, string>): Promise<string | null> {
  try {
    const result = await signIn(provider, { ...fields, redirect: false });
    if (result && !result.error) return null;
    return result?.error && result.error !== "CredentialsSignin" ? result.error : GENERIC_ERROR_MESSAGE;
  } catch {
    return GENERIC_ERROR_MESSAGE;
  }
}
