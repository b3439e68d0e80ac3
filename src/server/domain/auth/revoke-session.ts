import "server-only";
import { z } from "zod";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

export const revokeSessionInput = z.object({
  userId: z.number().int().positive(),
  sessionId: z.string().min(16).max(100),
  signedInUntil: z.date(),
});

/**
 * Ends one sign-in: its id goes to revoked_sessions, which currentActor checks on every request, so a
 * copy of the cookie kept anywhere stops working too; the user's other sessions go on. No actor: the
 * session being ended is the credential (next-auth has decoded the cookie and checked the CSRF token).
 * The row is kept until the sign-in's own end, after which the token is refused anyway; expired rows are
 * pruned here, so the table holds at most the sign-outs of the last 30 days.
 */
export async function revokeSession(input: z.infer<typeof revokeSessionInput>): Promise<void> {
  const at = now();
  if (input.signedInUntil <= at) return;
  await db.$transaction([
    db.revokedSession.deleteMany({ where: { expiresAt: { lte: at } } }),
    // A second sign-out of the same cookie (two tabs, a retried request) changes nothing.
    db.revokedSession.createMany({ data: [{ sessionId: input.sessionId, userId: input.userId, expiresAt: input.signedInUntil }], skipDuplicates: true }),
  ]);
}
