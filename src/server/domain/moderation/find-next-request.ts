import "server-only";
import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { utcTimestampSql } from "@/server/db/moscow-time-sql";

/** What the decision page passes: the request just decided, so that it is not offered again. */
export const findNextRequestInput = z.object({
  excludeId: z.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * The most urgent open request nobody else is working on, other than `excludeId`. An open request
 * (PENDING or IN_REVIEW) always has a part waiting; the literal status list lets PostgreSQL walk the
 * queue's partial index in due order and stop at the first unclaimed row.
 */
export async function findNextRequest(actor: ModeratorActor, options: z.infer<typeof findNextRequestInput> = {}): Promise<number | null> {
  assertActorRole(actor, AREA_ROLES.moderation);
  const [next] = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM review_requests
     WHERE status IN ('PENDING', 'IN_REVIEW')
       AND id <> ${options.excludeId ?? 0}
       AND (claimed_by_id IS NULL OR claim_expires_at <= ${utcTimestampSql(now())} OR claimed_by_id = ${actor.id})
     ORDER BY due_at, id
     LIMIT 1`;
  return next?.id ?? null;
}
