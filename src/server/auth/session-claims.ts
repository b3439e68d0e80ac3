import "server-only";
import { randomBytes } from "node:crypto";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";

/** A session lasts at most 30 days from its sign-in, however often its cookie is refreshed. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What currentActor checks against the database on every request. */
export interface SessionClaims {
  userId: number;
  /** Random per sign-in; signing out revokes it (revoked_sessions). */
  sessionId: string;
  /** users.session_version at sign-in; bumping it ends every session of the user. */
  sessionVersion: number;
  /** The sign-in's fixed end: a revoked id only needs keeping until then. */
  signedInUntil: Date;
}

/**
 * The claims a new sign-in's token gets. next-auth re-encodes the token with a fresh `exp` (and `jti`)
 * whenever /api/auth/session is asked, so neither can name the sign-in or bound it: a revoked cookie could
 * be refreshed past its revocation row's pruning. `sid` and `until` are ours and never change.
 */
export function newSessionClaims(sessionVersion: number, at: Date): Pick<JWT, "sid" | "sv" | "until"> {
  return {
    sid: randomBytes(24).toString("base64url"),
    sv: sessionVersion,
    until: Math.floor(at.getTime() / 1000) + SESSION_MAX_AGE_SECONDS,
  };
}

/** The claims of a decoded token, or null when it has none (issued before sessions could be ended). */
export function claimsOfToken(token: Pick<JWT, "uid" | "sid" | "sv" | "until"> | null | undefined): SessionClaims | null {
  return claimsOf(token?.uid, token?.sid, token?.sv, token?.until);
}

/** The claims getServerSession hands over (the session callback copies them from the token). */
export function claimsOfSession(session: Session | null): SessionClaims | null {
  return claimsOf(session?.user?.id, session?.sessionId, session?.sessionVersion, session?.signedInUntil);
}

function claimsOf(userId: unknown, sessionId: unknown, sessionVersion: unknown, until: unknown): SessionClaims | null {
  if (!Number.isSafeInteger(userId) || (userId as number) <= 0) return null;
  if (typeof sessionId !== "string" || sessionId.length < 16) return null;
  if (!Number.isSafeInteger(sessionVersion) || !Number.isSafeInteger(until)) return null;
  return { userId: userId as number, sessionId, sessionVersion: sessionVersion as number, signedInUntil: new Date((until as number) * 1000) };
}
