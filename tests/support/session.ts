import type { NextAuthOptions, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { Actor } from "@/server/auth/session";
import { AppError } from "@/server/errors";

/** Who the tests say is signed in (a `vi.hoisted` object, so that the mock's factory can read it). */
export interface ScriptedSession {
  actor: Actor | null;
}

/**
 * The session module with `requireActorRole` answering from `session` instead of a Next.js request, with
 * the real check's errors. Use in a test file as
 * `vi.mock("@/server/auth/session", async (original) => (await import(".../session")).scriptedSessionModule(await original(), session))`.
 */
export function scriptedSessionModule<Module extends object>(original: Module, session: ScriptedSession): Module {
  return {
    ...original,
    requireActorRole: async (roles: readonly string[]) => {
      if (!session.actor) throw new AppError("UNAUTHENTICATED", "Войдите, чтобы продолжить.");
      if (!roles.includes(session.actor.role)) throw new AppError("FORBIDDEN", "Недостаточно прав для этого действия.");
      return session.actor;
    },
  };
}

/** The cookie a test holds: the decoded session token next-auth would read from it, or none. */
export interface ScriptedCookie {
  token: JWT | null;
}

/**
 * next-auth with `getServerSession` reading `cookie` instead of a Next.js request, through the portal's
 * real session callback, so currentActor sees what a request with that cookie would give it. Use as
 * `vi.mock("next-auth", async () => (await import(".../session")).nextAuthReading(cookie))`.
 */
export function nextAuthReading(cookie: ScriptedCookie) {
  return {
    getServerSession: async (options: NextAuthOptions) => {
      if (!cookie.token) return null;
      return options.callbacks!.session!({ session: { user: {} as Session["user"], expires: "" }, token: cookie.token } as never);
    },
  };
}

/** The token the portal's jwt callback writes when `user` signs in (a fresh session id, their current version). */
export async function signInToken(user: { id: number; role: Actor["role"]; sessionVersion: number }): Promise<JWT> {
  const { authOptions } = await import("@/server/auth/auth-options");
  return authOptions().callbacks!.jwt!({ token: {} as JWT, user: { id: String(user.id), role: user.role, sessionVersion: user.sessionVersion } } as never);
}

/** What POST /api/auth/signout does with a session's token once it has checked the CSRF token. */
export async function signOutToken(token: JWT): Promise<void> {
  const { authOptions } = await import("@/server/auth/auth-options");
  // With JWT sessions next-auth passes only the decoded token (its types also promise a session).
  await authOptions().events!.signOut!({ token } as never);
}
