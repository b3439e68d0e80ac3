import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { now } from "@/server/clock";
import { toFailure } from "@/server/errors";
import { revokeSession } from "@/server/domain/auth/revoke-session";
import { signInStaff, signInStaffInput } from "@/server/domain/auth/sign-in-staff";
import { verifySignInCode, verifySignInCodeInput } from "@/server/domain/auth/verify-sign-in-code";
import { clientIpFromHeaders, ipRateLimitKey } from "@/server/http/client-ip";
import { logger } from "@/server/observability/logger";
import { deviceHash, deviceIdFromCookieHeader, ensureDeviceId } from "./device-cookie";
import { authSecret } from "./secret";
import { SESSION_MAX_AGE_SECONDS, claimsOfToken, newSessionClaims } from "./session-claims";

/**
 * next-auth's `authorize` turns a thrown error's message into the `error` the client receives,
 * so expected errors carry their Russian message and anything else becomes the generic one.
 */
async function authorizeSafely(context: string, run: () => Promise<User>): Promise<User> {
  try {
    return await run();
  } catch (error) {
    // Expected errors (and invalid input) carry their Russian message; the rest are logged in full.
    const { failure, unexpected } = toFailure(error);
    if (unexpected) logger.error({ event: "auth.unexpected", context, err: error }, `auth:${context} unexpected error`);
    throw new Error(failure.message);
  }
}

function headerBag(req: { headers?: Record<string, unknown> } | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req?.headers ?? {})) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** Where a sign-in comes from: the client IP's limit key and the browser's device cookie (hashed). */
function signInOrigin(req: { headers?: Record<string, unknown> } | undefined): { ipKey: string | null; deviceHash: string | null } {
  const headers = headerBag(req);
  const ip = clientIpFromHeaders(headers);
  const deviceId = deviceIdFromCookieHeader(headers.get("cookie"));
  return { ipKey: ip ? ipRateLimitKey(ip) : null, deviceHash: deviceId ? deviceHash(deviceId) : null };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "phone-otp",
        name: "Телефон",
        credentials: { phone: { type: "tel" }, code: { type: "text" }, consent: { type: "text" } },
        authorize: (credentials, req) =>
          authorizeSafely("phone-otp", async () => {
            const input = verifySignInCodeInput.parse({
              phone: credentials?.phone ?? "",
              code: credentials?.code ?? "",
              consent: credentials?.consent === "true",
              ...signInOrigin(req),
            });
            const shopper = await verifySignInCode(input);
            return { id: String(shopper.id), role: shopper.role, sessionVersion: shopper.sessionVersion };
          }),
      }),
      CredentialsProvider({
        id: "staff-password",
        name: "Почта и пароль",
        credentials: { email: { type: "email" }, password: { type: "password" }, captchaToken: { type: "text" } },
        authorize: (credentials, req) =>
          authorizeSafely("staff-password", async () => {
            const origin = signInOrigin(req);
            // A browser without a device cookie gets one now, so that a successful sign-in makes it known to
            // the account (trusted by the limits next time), as a shopper's browser is when it asks for a code.
            if (!origin.deviceHash) origin.deviceHash = await ensureDeviceId().then(deviceHash, () => null);
            const input = signInStaffInput.parse({
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              captchaToken: credentials?.captchaToken || undefined,
              ...origin,
            });
            const staff = await signInStaff(input);
            return { id: String(staff.id), role: staff.role, email: staff.email, sessionVersion: staff.sessionVersion };
          }),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is there only at sign-in: that is when a session gets its id, version and end.
        if (user) {
          token.uid = Number(user.id);
          token.role = user.role;
          Object.assign(token, newSessionClaims(user.sessionVersion, now()));
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, role: token.role };
        // For currentActor (getServerSession goes through this callback); none of it is a credential.
        session.sessionId = token.sid;
        session.sessionVersion = token.sv;
        session.signedInUntil = token.until;
        return session;
      },
    },
    events: {
      /**
       * POST /api/auth/signout (CSRF-checked) decodes the cookie and awaits this before it clears the cookie,
       * so the sign-in is revoked on the server whatever the browser does next, and a copy of the cookie
       * stops working. next-auth logs and swallows a throw here (the cookie is still cleared), so there is
       * nothing to catch.
       */
      async signOut(message) {
        // With JWT sessions the message holds the decoded token only (its type also promises a session).
        const claims = claimsOfToken(message.token);
        if (claims) await revokeSession({ userId: claims.userId, sessionId: claims.sessionId, signedInUntil: claims.signedInUntil });
      },
    },
  };
}
