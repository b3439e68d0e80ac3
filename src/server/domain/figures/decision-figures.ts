import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { utcTimestampSql } from "@/server/db/moscow-time-sql";
import { closedDayIn, DECISION_TIME_FACTS_LIVE, liveDaysCte, REQUEST_FACTS, totalFactsSql } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";
import { histogramPercentile } from "./histogram-percentile";

export interface DecisionFigures {
  /** Requests whose decision (the last part decided) falls in the range. */
  decided: number;
  /** Time from filing to decision of those requests, in hours (continuous percentiles, within 2 %); null if none. */
  medianHours: number | null;
  p95Hours: number | null;
  /** Requests filed in the range that breached their SLA… */
  slaBreached: number;
  /** …of which decided after their due time… */
  slaBreachedDecidedLate: number;
  /** …and still open past their due time now. */
  slaBreachedOpen: number;
  /** Requests filed in the range, the base of the breach share. */
  filed: number;
}

/**
 * Time to decision is measured on requests decided in the range (a request's decided_at is set when its
 * last open part is decided), from a histogram of times kept per day. SLA breaches are counted on requests
 * filed in the range: decided after due_at, or still open with due_at already past at `at` — so a range's
 * breach count can still grow while its requests wait (that part is always read live: open requests are few).
 */
export async function decisionFigures(range: FiguresRange, at: Date): Promise<DecisionFigures> {
  const toExclusive = addDays(range.to, 1);
  const nowSql = utcTimestampSql(at);
  const [histogram, requests, open] = await Promise.all([
    db.$queryRaw<{ bucket: number; requests: bigint; seconds_sum: number }[]>(Prisma.sql`
      WITH ${liveDaysCte(range.from, toExclusive)}
      SELECT bucket, sum(requests)::int8 AS requests, sum(seconds_sum)::float8 AS seconds_sum FROM (
        SELECT f.bucket, f.requests::int8, f.seconds_sum FROM figures_day_decision_times f WHERE ${closedDayIn("f", range.from, toExclusive)}
        UNION ALL
        SELECT bucket, requests, seconds_sum FROM (${DECISION_TIME_FACTS_LIVE}) live
      ) t GROUP BY bucket`),
    db.$queryRaw<{ requests_filed: bigint; requests_decided_late: bigint }[]>(totalFactsSql(REQUEST_FACTS, range.from, toExclusive)),
    db.$queryRaw<{ open: bigint }[]>(Prisma.sql`
      SELECT count(*) AS open FROM review_requests
       WHERE status IN ('PENDING', 'IN_REVIEW') AND due_at < ${nowSql} AND filed_at >= ${range.startSql} AND filed_at < ${range.endSql}`),
  ]);
  const buckets = histogram.map((row) => ({ bucket: row.bucket, count: num(row.requests), sum: row.seconds_sum }));
  const hours = (fraction: number) => {
    const seconds = histogramPercentile(buckets, fraction);
    return seconds === null ? null : seconds / 3600;
  };
  const late = num(requests[0]?.requests_decided_late);
  const stillOpen = num(open[0]?.open);
  return {
    decided: buckets.reduce((sum, entry) => sum + entry.count, 0),
    medianHours: hours(0.5),
    p95Hours: hours(0.95),
    slaBreached: late + stillOpen,
    slaBreachedDecidedLate: late,
    slaBreachedOpen: stillOpen,
    filed: num(requests[0]?.requests_filed),
  };
}
