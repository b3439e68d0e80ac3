import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays, moscowDateKey } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { moscowDateSql, moscowMidnightSql } from "@/server/db/moscow-time-sql";
import { DAILY_SOURCES, DECISION_TIME_FACTS_LIVE, MODERATION_FACTS_LIVE, MODERATION_TIME_FACTS_LIVE, PRODUCT_FACTS_LIVE, SHOPPER_FACTS_LIVE } from "./figures-facts";

/** Days per transaction: a backfill of years commits as it goes, and a batch stays a few seconds. */
const DAYS_PER_BATCH = 7;
const CLOSE_LOCK = "figures:close";

export interface CloseFiguresOutcome {
  /** Days closed for the first time. */
  closed: number;
  /** Closed days computed again because something of theirs changed. */
  reclosed: number;
  /** The last closed day, "YYYY-MM-DD", or null when there is no data yet. */
  closedThrough: string | null;
}

/**
 * Closes the figures' past days (the nightly job): every Moscow day from the programme's first data (or the
 * day after the last closed one) through yesterday gets its rollup rows, and every closed day marked stale
 * since is computed again. Today is never closed: the dashboard computes it live.
 *
 * Exactness under concurrent writes: a batch's facts and the removal of its stale marks are one statement,
 * so they share one snapshot. A write committed before it is in the facts and its mark is removed; a write
 * committed after it left a mark the statement could not see, which stays, so the day is computed live again
 * until the next close.
 */
export async function closeFiguresDays({ at }: { at: Date }): Promise<CloseFiguresOutcome> {
  const yesterday = addDays(moscowDateKey(at), -1);
  let closed = 0;
  let reclosed = 0;
  for (;;) {
    const batch = await db.$transaction(
      async (tx) => {
        // One closer at a time (a retried job beside a slow one): the second waits, then finds less to do.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${CLOSE_LOCK}, 0))`;
        const days = await daysToClose(tx, yesterday);
        if (days.fresh.length + days.stale.length === 0) return null;
        const batchDays = [...days.stale, ...days.fresh].slice(0, DAYS_PER_BATCH);
        await closeDays(tx, batchDays);
        return { fresh: batchDays.filter((day) => days.fresh.includes(day)).length, stale: batchDays.filter((day) => days.stale.includes(day)).length };
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    );
    if (!batch) break;
    closed += batch.fresh;
    reclosed += batch.stale;
  }
  const last = await db.$queryRaw<{ day: string | null }[]>`SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM figures_days`;
  return { closed, reclosed, closedThrough: last[0]?.day ?? null };
}

type Tx = Prisma.TransactionClient;

/** New days to close (in order, at most a batch) and stale closed days, up to `through`. */
async function daysToClose(tx: Tx, through: string): Promise<{ fresh: string[]; stale: string[] }> {
  const rows = await tx.$queryRaw<{ day: string; stale: boolean }[]>(Prisma.sql`
    WITH last_closed AS (SELECT max(day) AS day FROM figures_days),
    first_data AS (
      SELECT least(
        (SELECT min(created_at) FROM users WHERE role = 'CUSTOMER'),
        (SELECT min(filed_at) FROM review_requests),
        (SELECT min(created_at) FROM ledger_entries),
        (SELECT min(created_at) FROM receipts)) AS at
    ),
    start AS (
      SELECT coalesce(l.day + 1, ${moscowDateSql("f.at")}) AS day FROM last_closed l, first_data f
    )
    SELECT to_char(d, 'YYYY-MM-DD') AS day, false AS stale
      FROM start, generate_series(start.day, least(${through}::date, start.day + ${DAYS_PER_BATCH - 1}::int), interval '1 day') d
     WHERE start.day IS NOT NULL
    UNION ALL
    SELECT DISTINCT to_char(s.day, 'YYYY-MM-DD'), true FROM figures_stale_days s, last_closed l
     WHERE s.day <= l.day AND s.day <= ${through}::date
    ORDER BY 1`);
  return { fresh: rows.filter((row) => !row.stale).map((row) => row.day), stale: rows.filter((row) => row.stale).map((row) => row.day) };
}

async function closeDays(tx: Tx, days: string[]): Promise<void> {
  const dayArray = Prisma.sql`${days}::date[]`;
  await tx.$executeRaw`DELETE FROM figures_days WHERE day = ANY(${dayArray})`;
  await tx.$executeRaw`DELETE FROM figures_day_products WHERE day = ANY(${dayArray})`;
  await tx.$executeRaw`DELETE FROM figures_day_decision_times WHERE day = ANY(${dayArray})`;
  await tx.$executeRaw`DELETE FROM figures_day_shoppers WHERE day = ANY(${dayArray})`;
  await tx.$executeRaw`DELETE FROM figures_day_moderation WHERE day = ANY(${dayArray})`;
  await tx.$executeRaw`DELETE FROM figures_day_moderation_times WHERE day = ANY(${dayArray})`;
  const columns = DAILY_SOURCES.flatMap((source) => source.columns);
  const sourceAlias = (index: number) => `s${index}`;
  const joins = DAILY_SOURCES.map((source, index) => Prisma.sql`LEFT JOIN (${source.live}) ${Prisma.raw(sourceAlias(index))} ON ${Prisma.raw(sourceAlias(index))}.day = d.lo`);
  const values = DAILY_SOURCES.flatMap((source, index) => source.columns.map((column) => `coalesce(${sourceAlias(index)}.${column}, 0)`));
  await tx.$executeRaw(Prisma.sql`
    WITH live_days AS (
      SELECT d AS lo, d + 1 AS hi, ${moscowMidnightSql("d")} AS lo_at, ${moscowMidnightSql("(d + 1)")} AS hi_at
        FROM unnest(${dayArray}) d
    ),
    day_rows AS (
      INSERT INTO figures_days (day, ${Prisma.raw(columns.join(", "))})
      SELECT d.lo, ${Prisma.raw(values.join(", "))} FROM live_days d ${Prisma.join(joins, " ")}
    ),
    product_rows AS (INSERT INTO figures_day_products (day, product_id, approved_reviews) ${PRODUCT_FACTS_LIVE}),
    decision_rows AS (INSERT INTO figures_day_decision_times (day, bucket, requests, seconds_sum) ${DECISION_TIME_FACTS_LIVE}),
    shopper_rows AS (INSERT INTO figures_day_shoppers (day, chunk, filed, approved, approved_twice) ${SHOPPER_FACTS_LIVE}),
    moderation_rows AS (INSERT INTO figures_day_moderation (day, decider, decisions, within_sla, reversals) ${MODERATION_FACTS_LIVE}),
    moderation_time_rows AS (INSERT INTO figures_day_moderation_times (day, decider, bucket, decisions, seconds_sum) ${MODERATION_TIME_FACTS_LIVE}),
    marks AS (DELETE FROM figures_stale_days WHERE day = ANY(${dayArray}))
    SELECT 1`);
}
