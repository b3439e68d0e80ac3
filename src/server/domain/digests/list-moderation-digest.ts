import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { RequestStatus } from "@/generated/prisma/enums";
import { endOfMoscowDay, moscowDateKey } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { utcTimestampSql } from "@/server/db/moscow-time-sql";

/** How many of the most urgent requests the digest lists by number; the rest are counted. */
export const DIGEST_ITEMS = 20;

export interface ModerationDigest {
  /** Past due at `at`. */
  overdue: number;
  /** Not yet due, but due before the end of `at`'s day in Moscow. */
  dueToday: number;
  /** The most urgent (earliest due) of those, at most DIGEST_ITEMS. */
  items: { id: number; dueAt: Date; status: RequestStatus; productName: string; overdue: boolean }[];
}

/**
 * Requests waiting for a decision that are overdue or due by the end of today (Moscow): the counts and the
 * most urgent few, for the moderators' morning digest. Two statements over the moderation queue's partial
 * index (the literal status list matches its predicate), however many requests there are.
 */
export async function listModerationDigest({ at }: { at: Date }): Promise<ModerationDigest> {
  const endOfToday = endOfMoscowDay(moscowDateKey(at));
  const open = Prisma.sql`status IN ('PENDING', 'IN_REVIEW') AND due_at <= ${utcTimestampSql(endOfToday)}`;
  const [[counts], urgent] = await Promise.all([
    db.$queryRaw<[{ overdue: number; dueToday: number }]>`
      SELECT (count(*) FILTER (WHERE due_at < ${utcTimestampSql(at)}))::int AS overdue,
             (count(*) FILTER (WHERE due_at >= ${utcTimestampSql(at)}))::int AS "dueToday"
        FROM review_requests
       WHERE ${open}`,
    db.$queryRaw<{ id: number }[]>`
      SELECT id FROM review_requests
       WHERE ${open}
       ORDER BY due_at, id
       LIMIT ${DIGEST_ITEMS}`,
  ]);
  const rows = urgent.length
    ? await db.reviewRequest.findMany({
        where: { id: { in: urgent.map((row) => row.id) } },
        select: { id: true, dueAt: true, status: true, product: { select: { name: true } } },
      })
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = urgent.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [{ id, dueAt: row.dueAt, status: row.status, productName: row.product.name, overdue: row.dueAt < at }] : [];
  });
  return { overdue: counts.overdue, dueToday: counts.dueToday, items };
}
