import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { type FiguresRange, num } from "./figures-range";

export interface DecisionFigures {
  /** Requests whose decision (the last part decided) falls in the range. */
  decided: number;
  /** Time from filing to decision of those requests, in hours (continuous percentiles); null if none. */
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
 * last open part is decided). SLA breaches are counted on requests filed in the range: decided after
 * due_at, or still open with due_at already past at `at` — so a range's breach count can still grow while
 * its requests wait.
 */
export async function decisionFigures(range: FiguresRange, at: Date): Promise<DecisionFigures> {
  const nowSql = Prisma.sql`${at.toISOString().slice(0, 23)}::timestamp`;
  const [times, sla] = await Promise.all([
    db.$queryRaw<{ decided: bigint; median: number | null; p95: number | null }[]>(Prisma.sql`
      SELECT count(*) AS decided,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - filed_at))::float8 / 3600 AS median,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - filed_at))::float8 / 3600 AS p95
        FROM review_requests
       WHERE decided_at >= ${range.startSql} AND decided_at < ${range.endSql}
         AND status NOT IN ('PENDING', 'IN_REVIEW')`),
    db.$queryRaw<{ filed: bigint; late: bigint; open: bigint }[]>(Prisma.sql`
      SELECT count(*) AS filed,
             count(*) FILTER (WHERE decided_at IS NOT NULL AND status NOT IN ('PENDING', 'IN_REVIEW') AND decided_at > due_at) AS late,
             count(*) FILTER (WHERE status IN ('PENDING', 'IN_REVIEW') AND due_at < ${nowSql}) AS open
        FROM review_requests
       WHERE filed_at >= ${range.startSql} AND filed_at < ${range.endSql}`),
  ]);
  const late = num(sla[0]?.late);
  const open = num(sla[0]?.open);
  return {
    decided: num(times[0]?.decided),
    medianHours: times[0]?.median ?? null,
    p95Hours: times[0]?.p95 ?? null,
    slaBreached: late + open,
    slaBreachedDecidedLate: late,
    slaBreachedOpen: open,
    filed: num(sla[0]?.filed),
  };
}
