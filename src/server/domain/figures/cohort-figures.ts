import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { closedDayIn, liveDaysCte, SHOPPER_CHUNK, SHOPPER_DAY_ROWS_LIVE } from "./figures-facts";
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
 *
 * From the shoppers rollup: per chunk of user ids, the "filed" bitmaps OR-ed by month (all months before the
 * range's first in one bucket), the live days' shoppers turned into bitmaps of their own and OR-ed in; a
 * cohort is its month's shoppers minus every earlier month's, retention a count of set bits.
 */
export async function cohortFigures(range: FiguresRange): Promise<CohortRow[]> {
  const toExclusive = addDays(range.to, 1);
  const firstMonth = `${range.from.slice(0, 7)}-01`;
  const monthOf = (day: string) => Prisma.sql`CASE WHEN ${Prisma.raw(day)} < ${firstMonth}::date THEN '-infinity'::date ELSE date_trunc('month', ${Prisma.raw(day)})::date END`;
  const rows = await db.$queryRaw<{ cohort: string; offset: number; shoppers: bigint }[]>(Prisma.sql`
    WITH ${liveDaysCte("-infinity", toExclusive)},
    months AS (
      SELECT chunk, month, bit_or(filed) AS filed FROM (
        SELECT chunk, ${monthOf("f.day")} AS month, filed FROM figures_day_shoppers f WHERE ${closedDayIn("f", "-infinity", toExclusive)}
        UNION ALL
        SELECT customer_id / ${SHOPPER_CHUNK}, ${monthOf("s.day")}, figures_bitmap(array_agg((customer_id % ${SHOPPER_CHUNK})::int))
          FROM (${SHOPPER_DAY_ROWS_LIVE}) s GROUP BY 1, 2
      ) m GROUP BY 1, 2
    ),
    ordered AS (
      SELECT chunk, month, filed,
             bit_or(filed) OVER (PARTITION BY chunk ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier
        FROM months
    ),
    cohorts AS (
      SELECT chunk, month, CASE WHEN earlier IS NULL THEN filed ELSE filed & ~earlier END AS members
        FROM ordered WHERE month > '-infinity'::date
    )
    SELECT to_char(c.month, 'YYYY-MM') AS cohort,
           ((extract(year FROM m.month) - extract(year FROM c.month)) * 12 + extract(month FROM m.month) - extract(month FROM c.month))::int AS offset,
           sum(bit_count(c.members & m.filed))::int8 AS shoppers
      FROM cohorts c JOIN months m ON m.chunk = c.chunk AND m.month >= c.month
     GROUP BY c.month, m.month
    HAVING sum(bit_count(c.members & m.filed)) > 0
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
