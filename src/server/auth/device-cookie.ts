import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/server/config/env";

/**
 * A long-lived first-party cookie naming the browser. Sign-in codes are bound to the browser that asked
 * for them, and a browser the account signed in from before is trusted by the sign-in limits
 * (src/server/auth/sign-in-trust.ts). Only its SHA-256 is stored.
 */
export const DEVICE_COOKIE = "carely_device";
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60; // the most browsers keep a cookie

export function deviceHash(deviceId: string): string {
  return createHash("sha256").update(`device:${deviceId}`).digest("hex");
}

/** The browser's device id from a Cookie header (next-auth's authorize sees only headers); null when absent or forged. */
export function deviceIdFromCookieHeader(header: string | null | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return DEVICE_ID_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}

/** The browser's device id, set first when it has none (server actions and route handlers only: they may set cookies). */
export async function ensureDeviceId(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(DEVICE_COOKIE)?.value;
  if (existing && DEVICE_ID_PATTERN.test(existing)) return existing;
  const created = randomBytes(18).toString("base64url");
  jar.set(DEVICE_COOKIE, created, {
    httpOnly: true,
    sameSite: "lax",
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
  return created;
}
