import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { moscowDateSql, moscowMidnightSql } from "@/server/db/moscow-time-sql";
import { DECISION_BUCKET_RATIO } from "./decision-bucket";

// The figures' daily facts, written once as SQL and used twice: the nightly job closes a day by storing them
// in the rollup tables (close-figures-days.ts), and the dashboard computes the days not closed yet (today,
// and days changed since they were closed) with the very same queries. Every query here reads a relation
// named `live_days` with columns lo, hi (Moscow dates, [lo, hi)) and lo_at, hi_at (the same bounds in stored
// UTC time), so that each range is an index range scan per interval.

/**
 * `last_closed` (the last day of the rollup's contiguous run, NULL before the first close) and `live_days`:
 * the days of [from, toExclusive) not closed — from the day after the last closed one, plus each stale day.
 * `from` may be '-infinity' for figures over the programme's whole history.
 */
export function liveDaysCte(from: string, toExclusive: string): Prisma.Sql {
  return Prisma.sql`
    last_closed AS (SELECT max(day) AS day FROM figures_days),
    live_days AS (
      SELECT lo, hi, ${moscowMidnightSql("lo")} AS lo_at, ${moscowMidnightSql("hi")} AS hi_at FROM (
        SELECT greatest(${from}::date, coalesce(l.day + 1, ${from}::date)) AS lo, ${toExclusive}::date AS hi FROM last_closed l
        UNION ALL
        SELECT DISTINCT s.day, s.day + 1 FROM figures_stale_days s, last_closed l
         WHERE s.day >= ${from}::date AND s.day < ${toExclusive}::date AND s.day <= l.day
      ) intervals WHERE lo < hi)`;
}

/** SQL condition (beside liveDaysCte): rollup row `alias` is for a closed day of [from, toExclusive) with no change since. */
export function closedDayIn(alias: string, from: string, toExclusive: string): Prisma.Sql {
  const day = Prisma.raw(`${alias}.day`);
  return Prisma.sql`${day} >= ${from}::date AND ${day} < ${toExclusive}::date AND ${day} <= (SELECT day FROM last_closed)
    AND NOT EXISTS (SELECT 1 FROM figures_stale_days s WHERE s.day = ${day})`;
}

/**
 * `LATERAL (query OFFSET 0) alias`: the query runs once per live interval as an index range scan. OFFSET 0
 * keeps the planner from flattening it into a join, which with a stale estimate of the intervals' number
 * could become a scan of the whole table.
 */
function perInterval(alias: string, query: string): Prisma.Sql {
  return Prisma.raw(`LATERAL (${query} OFFSET 0) ${alias}`);
}

/** A source of additive daily figures: its columns in figures_days and its query over live_days. */
export interface DailySource {
  columns: readonly string[];
  live: Prisma.Sql;
}

export const PARTICIPANT_FACTS: DailySource = {
  columns: ["new_participants"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("u.created_at")} AS day, count(*)::int8 AS new_participants
      FROM live_days l, ${perInterval("u", "SELECT created_at FROM users WHERE role = 'CUSTOMER' AND created_at >= l.lo_at AND created_at < l.hi_at")}
     GROUP BY 1`,
};

/** Requests by filing day: filed, and decided after their due time. */
export const REQUEST_FACTS: DailySource = {
  columns: ["requests_filed", "requests_decided_late"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("r.filed_at")} AS day, count(*)::int8 AS requests_filed,
           count(*) FILTER (WHERE r.status NOT IN ('PENDING', 'IN_REVIEW') AND r.decided_at > r.due_at)::int8 AS requests_decided_late
      FROM live_days l, ${perInterval("r", "SELECT filed_at, status, decided_at, due_at FROM review_requests WHERE filed_at >= l.lo_at AND filed_at < l.hi_at")}
     GROUP BY 1`,
};

/** Requests by filing day that came with a receipt part (apart: it probes the parts of every request). */
export const RECEIPT_REQUEST_FACTS: DailySource = {
  columns: ["requests_with_receipt"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("r.filed_at")} AS day,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM request_parts p WHERE p.request_id = r.id AND p.kind = 'RECEIPT'))::int8 AS requests_with_receipt
      FROM live_days l, ${perInterval("r", "SELECT id, filed_at FROM review_requests WHERE filed_at >= l.lo_at AND filed_at < l.hi_at")}
     GROUP BY 1`,
};

/** Parts by the day of their current decision. */
export const PART_DECISION_FACTS: DailySource = {
  columns: ["review_approved", "review_rejected", "receipt_approved", "receipt_rejected"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("p.decided_at")} AS day,
           count(*) FILTER (WHERE p.kind = 'REVIEW' AND p.status = 'APPROVED')::int8 AS review_approved,
           count(*) FILTER (WHERE p.kind = 'REVIEW' AND p.status = 'REJECTED')::int8 AS review_rejected,
           count(*) FILTER (WHERE p.kind = 'RECEIPT' AND p.status = 'APPROVED')::int8 AS receipt_approved,
           count(*) FILTER (WHERE p.kind = 'RECEIPT' AND p.status = 'REJECTED')::int8 AS receipt_rejected
      FROM live_days l, ${perInterval(
        "p",
        "SELECT kind, status, decided_at FROM request_parts WHERE kind IN ('REVIEW', 'RECEIPT') AND status IN ('APPROVED', 'REJECTED') AND decided_at >= l.lo_at AND decided_at < l.hi_at",
      )}
     GROUP BY 1`,
};

export const RECEIPT_FACTS: DailySource = {
  columns: ["receipts", "receipts_with_sum", "receipts_sum_kopecks"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("c.created_at")} AS day, count(*)::int8 AS receipts, count(c.total_kopecks)::int8 AS receipts_with_sum,
           coalesce(sum(c.total_kopecks), 0)::int8 AS receipts_sum_kopecks
      FROM live_days l, ${perInterval("c", "SELECT created_at, total_kopecks FROM receipts WHERE created_at >= l.lo_at AND created_at < l.hi_at")}
     GROUP BY 1`,
};

/** The ledger by kind; `points_net` (every amount) sums to the liability over all days. */
export const POINT_FACTS: DailySource = {
  columns: ["points_credited", "points_spent", "points_forfeited", "points_adjusted", "points_net"],
  live: Prisma.sql`
    SELECT ${moscowDateSql("e.created_at")} AS day,
           coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('REVIEW_APPROVED', 'RECEIPT_APPROVED')), 0)::int8 AS points_credited,
           coalesce(-sum(e.amount) FILTER (WHERE e.kind IN ('PRIZE_ORDER', 'PRIZE_REFUND')), 0)::int8 AS points_spent,
           coalesce(-sum(e.amount) FILTER (WHERE e.kind = 'FORFEITURE'), 0)::int8 AS points_forfeited,
           coalesce(sum(e.amount) FILTER (WHERE e.kind = 'ADJUSTMENT'), 0)::int8 AS points_adjusted,
           coalesce(sum(e.amount), 0)::int8 AS points_net
      FROM live_days l, ${perInterval("e", "SELECT created_at, kind, amount FROM ledger_entries WHERE created_at >= l.lo_at AND created_at < l.hi_at")}
     GROUP BY 1`,
};

export const DAILY_SOURCES = [PARTICIPANT_FACTS, REQUEST_FACTS, RECEIPT_REQUEST_FACTS, PART_DECISION_FACTS, RECEIPT_FACTS, POINT_FACTS] as const;

/** One source's rows (day, columns…) for [from, toExclusive): closed days from figures_days, the rest live. */
function factsUnion(source: DailySource, from: string, toExclusive: string): Prisma.Sql {
  const columns = Prisma.raw(source.columns.map((column) => `f.${column}::int8 AS ${column}`).join(", "));
  return Prisma.sql`
    SELECT f.day, ${columns} FROM figures_days f WHERE ${closedDayIn("f", from, toExclusive)}
    UNION ALL
    SELECT * FROM (${source.live}) live`;
}

/** One source's figures per Moscow day of [from, toExclusive). Days without any row are zero. */
export function dailyFactsSql(source: DailySource, from: string, toExclusive: string): Prisma.Sql {
  return Prisma.sql`
    WITH ${liveDaysCte(from, toExclusive)}
    SELECT to_char(day, 'YYYY-MM-DD') AS day, ${Prisma.raw(source.columns.join(", "))} FROM (${factsUnion(source, from, toExclusive)}) facts`;
}

/** One source's columns summed over [from, toExclusive) (from may be '-infinity'). */
export function totalFactsSql(source: DailySource, from: string, toExclusive: string): Prisma.Sql {
  const sums = Prisma.raw(source.columns.map((column) => `coalesce(sum(${column}), 0)::int8 AS ${column}`).join(", "));
  return Prisma.sql`
    WITH ${liveDaysCte(from, toExclusive)}
    SELECT ${sums} FROM (${factsUnion(source, from, toExclusive)}) facts`;
}

/** Review parts approved per product, by the approval's day. */
export const PRODUCT_FACTS_LIVE = Prisma.sql`
  SELECT ${moscowDateSql("p.decided_at")} AS day, r.product_id, count(*)::int8 AS approved_reviews
    FROM live_days l,
         ${perInterval("p", "SELECT request_id, decided_at FROM request_parts WHERE kind = 'REVIEW' AND status = 'APPROVED' AND decided_at >= l.lo_at AND decided_at < l.hi_at")}
    JOIN review_requests r ON r.id = p.request_id
   GROUP BY 1, 2`;

/**
 * Time to decision in log buckets: bucket 0 is under a second, bucket b ≥ 1 holds [γ^(b−1), γ^b) seconds with
 * γ = 1.02; with each bucket's count goes the sum of its times, so its mean stands for them (within 2 %).
 */
export const DECISION_TIME_FACTS_LIVE = Prisma.sql`
  SELECT day, bucket, count(*)::int8 AS requests, sum(seconds)::float8 AS seconds_sum FROM (
    SELECT ${moscowDateSql("r.decided_at")} AS day, s.seconds,
           CASE WHEN s.seconds < 1 THEN 0 ELSE 1 + floor(ln(s.seconds) / ln(${Prisma.raw(String(DECISION_BUCKET_RATIO))}::float8))::int END AS bucket
      FROM live_days l,
           ${perInterval("r", "SELECT filed_at, decided_at FROM review_requests WHERE decided_at >= l.lo_at AND decided_at < l.hi_at AND status NOT IN ('PENDING', 'IN_REVIEW')")}
      CROSS JOIN LATERAL (SELECT extract(epoch FROM r.decided_at - r.filed_at)::float8 AS seconds) s) t
   GROUP BY 1, 2`;

/** Bits per shoppers bitmap: user id = chunk × 65,536 + bit. */
const SHOPPER_CHUNK_BITS = 65536;
/** The same as an SQL literal: customer_id / it is the chunk, customer_id % it the bit. */
export const SHOPPER_CHUNK = Prisma.raw(String(SHOPPER_CHUNK_BITS));

/** `FROM` items: requests (r: filed_at, customer_id, status) filed on the live days. */
export const LIVE_FILED_REQUESTS = Prisma.sql`live_days l, ${perInterval("r", "SELECT filed_at, customer_id, status FROM review_requests WHERE filed_at >= l.lo_at AND filed_at < l.hi_at")}`;

/**
 * Shoppers per filing day: the requests they filed and how many of those are approved now (fully or partly,
 * the success the shopper sees).
 */
export const SHOPPER_DAY_ROWS_LIVE = Prisma.sql`
  SELECT ${moscowDateSql("r.filed_at")} AS day, r.customer_id, count(*)::int8 AS filed,
         count(*) FILTER (WHERE r.status IN ('APPROVED', 'PARTIALLY_APPROVED'))::int8 AS approved
    FROM ${LIVE_FILED_REQUESTS}
   GROUP BY 1, 2`;

/** The shoppers rollup rows (bitmaps per day and chunk) for live_days: what closing a day stores. */
export const SHOPPER_FACTS_LIVE = Prisma.sql`
  SELECT day, customer_id / ${SHOPPER_CHUNK} AS chunk,
         figures_bitmap(array_agg((customer_id % ${SHOPPER_CHUNK})::int)) AS filed,
         figures_bitmap(array_agg((customer_id % ${SHOPPER_CHUNK})::int) FILTER (WHERE approved >= 1)) AS approved,
         figures_bitmap(array_agg((customer_id % ${SHOPPER_CHUNK})::int) FILTER (WHERE approved >= 2)) AS approved_twice
    FROM (${SHOPPER_DAY_ROWS_LIVE}) s
   GROUP BY 1, 2`;

/** A decision's decider as the moderation rollups key it: `moderator:<id>` or `rule:<rule>`. */
const DECIDER_KEY = "CASE WHEN d.decided_by_rule IS NOT NULL THEN 'rule:' || d.decided_by_rule ELSE 'moderator:' || d.decided_by_id END";

/**
 * Decisions per day and decider (part_decisions: every decision, people's and rules'): how many, how many by
 * the request's due time, and the reversals: a decision on the same part and attempt that changed what the
 * one before it decided counts, on its own day, against the earlier decision's decider. A row without an
 * opening time is a privacy deletion closing the shopper's open parts, not a moderation decision: left out.
 */
export const MODERATION_FACTS_LIVE = Prisma.sql`
  SELECT day, decider, sum(decisions)::int8 AS decisions, sum(within_sla)::int8 AS within_sla, sum(reversals)::int8 AS reversals FROM (
    SELECT ${moscowDateSql("d.decided_at")} AS day, ${Prisma.raw(DECIDER_KEY)} AS decider, count(*)::int8 AS decisions,
           count(*) FILTER (WHERE d.due_at IS NULL OR d.decided_at <= d.due_at)::int8 AS within_sla, 0::int8 AS reversals
      FROM live_days l,
           ${perInterval("d", "SELECT decided_at, decided_by_id, decided_by_rule, due_at FROM part_decisions WHERE decided_at >= l.lo_at AND decided_at < l.hi_at AND opened_at IS NOT NULL")}
     GROUP BY 1, 2
    UNION ALL
    SELECT ${moscowDateSql("later.decided_at")} AS day, ${Prisma.raw(DECIDER_KEY)} AS decider, 0, 0, count(*)::int8
      FROM live_days l,
           ${perInterval("later", "SELECT id, part_id, attempt, status, decided_at FROM part_decisions WHERE decided_at >= l.lo_at AND decided_at < l.hi_at AND opened_at IS NOT NULL")}
      CROSS JOIN LATERAL (
        SELECT status, decided_by_id, decided_by_rule FROM part_decisions earlier
         WHERE earlier.part_id = later.part_id AND earlier.attempt = later.attempt AND earlier.opened_at IS NOT NULL AND (earlier.decided_at, earlier.id) < (later.decided_at, later.id)
         ORDER BY earlier.decided_at DESC, earlier.id DESC LIMIT 1) d
     WHERE d.status <> later.status
     GROUP BY 1, 2
  ) t GROUP BY 1, 2`;

/** Decisions per day and decider by time from opening (filing or re-submission) to decision, in DECISION_TIME_FACTS_LIVE's buckets. */
export const MODERATION_TIME_FACTS_LIVE = Prisma.sql`
  SELECT day, decider, bucket, count(*)::int8 AS decisions, sum(seconds)::float8 AS seconds_sum FROM (
    SELECT ${moscowDateSql("d.decided_at")} AS day, ${Prisma.raw(DECIDER_KEY)} AS decider, s.seconds,
           CASE WHEN s.seconds < 1 THEN 0 ELSE 1 + floor(ln(s.seconds) / ln(${Prisma.raw(String(DECISION_BUCKET_RATIO))}::float8))::int END AS bucket
      FROM live_days l,
           ${perInterval("d", "SELECT decided_at, decided_by_id, decided_by_rule, opened_at FROM part_decisions WHERE decided_at >= l.lo_at AND decided_at < l.hi_at AND opened_at IS NOT NULL")}
      CROSS JOIN LATERAL (SELECT greatest(0, extract(epoch FROM d.decided_at - d.opened_at))::float8 AS seconds) s) t
   GROUP BY 1, 2, 3`;
