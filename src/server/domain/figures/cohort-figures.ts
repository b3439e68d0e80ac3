import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { type FiguresRange, num } from "./figures-range";

export interface CohortRow {
  /** Moscow month of the shoppers' first request ever, "YYYY-MM". */
  cohort: string;
  size: number;
  /**
   * Index k = k months after the cohort month: the share (0…1) of the cohort's shoppers who filed any
   * request in that month. Index 0 is 1 by definition; months after the range's end are left out.
   */
  retention: number[];
  /** The same as counts of shoppers. */
  active: number[];
}

/**
 * Retention by month of first request. A shopper belongs to the cohort of the Moscow month of their very
 * first request (even one before the range), and cohorts are shown for the months the range touches;
 * "retained in month k" means filed at least one request, whatever its outcome, in the k-th month after
 * — filing is what the programme asks of a shopper, approval is the moderators' part.
 */
export async function cohortFigures(range: FiguresRange): Promise<CohortRow[]> {
  // Stored time of the Moscow month the range starts in: cohorts start there.
  const monthStart = Prisma.sql`(date_trunc('month', ${range.startSql} + interval '3 hours') - interval '3 hours')`;
  // Newcomers first (shoppers filing since that month with nothing before it: one index probe each on
  // (customer_id, filed_at)), then only their requests: the year's other shoppers are never grouped.
  const rows = await db.$queryRaw<{ cohort: string; offset: number; shoppers: bigint }[]>(Prisma.sql`
    WITH candidates AS (
      SELECT DISTINCT customer_id FROM review_requests WHERE filed_at >= ${monthStart} AND filed_at < ${range.endSql}
    ), newcomers AS (
      SELECT c.customer_id FROM candidates c
       WHERE NOT EXISTS (SELECT 1 FROM review_requests e WHERE e.customer_id = c.customer_id AND e.filed_at < ${monthStart})
    ), months AS (
      SELECT r.customer_id, date_trunc('month', r.filed_at + interval '3 hours') AS month
        FROM newcomers n JOIN review_requests r ON r.customer_id = n.customer_id AND r.filed_at < ${range.endSql}
       GROUP BY 1, 2
    ), firsts AS (
      SELECT customer_id, min(month) AS cohort FROM months GROUP BY 1
    )
    SELECT to_char(f.cohort, 'YYYY-MM') AS cohort,
           ((extract(year FROM m.month) - extract(year FROM f.cohort)) * 12 + extract(month FROM m.month) - extract(month FROM f.cohort))::int AS offset,
           count(*) AS shoppers
      FROM firsts f JOIN months m USING (customer_id)
     GROUP BY 1, 2
     ORDER BY 1, 2`);
  const cohorts = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const offsets = cohorts.get(row.cohort) ?? new Map<number, number>();
    offsets.set(row.offset, num(row.shoppers));
    cohorts.set(row.cohort, offsets);
  }
  const lastMonth = range.to.slice(0, 7);
  return [...cohorts.entries()].map(([cohort, offsets]) => {
    const size = offsets.get(0) ?? 0;
    const span = monthsBetween(cohort, lastMonth) + 1;
    const active = Array.from({ length: span }, (_, offset) => offsets.get(offset) ?? 0);
    return { cohort, size, active, retention: active.map((count) => (size ? count / size : 0)) };
  });
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}
