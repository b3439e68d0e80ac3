import type { UserRole } from "@/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: number; role: UserRole };
    /**
     * Which sign-in this session is, for currentActor's check against the database (see
     * src/server/auth/session-claims.ts). Absent in tokens issued before sessions could be ended.
     */
    sessionId?: string;
    sessionVersion?: number;
    /** Epoch seconds: the sign-in's end, which refreshing the cookie does not move. */
    signedInUntil?: number;
  }
  interface User {
    role: UserRole;
    /** users.session_version when the user signed in; copied into the token. */
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: UserRole;
    /** A random id per sign-in, kept when the cookie is refreshed; sign-out revokes it. */
    sid?: string;
    /** users.session_version at sign-in; a bump ends every session carrying an older one. */
    sv?: number;
    /** Epoch seconds: sign-in + the session's maximum age, fixed at sign-in. */
    until?: number;
  }
}
