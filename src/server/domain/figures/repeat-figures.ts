import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { closedDayIn, liveDaysCte, SHOPPER_CHUNK, LIVE_FILED_REQUESTS } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";

export interface RepeatFigures {
  /** Shoppers with at least one approved request filed in the range… */
  withApproved: number;
  /** …of which with two or more, and their share of the former (null when none). */
  withTwoOrMore: number;
  share: number | null;
}


/**
 * Repeat participation: shoppers with 2+ approved requests filed in the range. "Approved" means at least
 * one part credited (APPROVED or PARTIALLY_APPROVED), the same test the shopper sees as success.
 *
 * Closed days give two bitmaps per chunk of user ids (figures_repeat: approved on some day, approved twice);
 * the live days' shoppers are then checked against them one by one.
 */
export async function repeatFigures(range: FiguresRange): Promise<RepeatFigures> {
  const toExclusive = addDays(range.to, 1);
  const rows = await db.$queryRaw<{ with_approved: bigint; two_or_more: bigint }[]>(Prisma.sql`
    WITH ${liveDaysCte(range.from, toExclusive)},
    closed AS (
      SELECT chunk, bit_or(approved) AS seen, (figures_repeat(approved, approved_twice))[2] AS twice
        FROM figures_day_shoppers f WHERE ${closedDayIn("f", range.from, toExclusive)} GROUP BY chunk
    ),
    live AS (
      SELECT r.customer_id, count(*) AS approved FROM ${LIVE_FILED_REQUESTS}
       WHERE r.status IN ('APPROVED', 'PARTIALLY_APPROVED') GROUP BY 1
    ),
    checked AS (
      SELECT l.approved, coalesce(get_bit(c.seen, (l.customer_id % ${SHOPPER_CHUNK})::int), 0) AS seen,
             coalesce(get_bit(c.twice, (l.customer_id % ${SHOPPER_CHUNK})::int), 0) AS twice
        FROM live l LEFT JOIN closed c ON c.chunk = l.customer_id / ${SHOPPER_CHUNK}
    )
    SELECT (SELECT coalesce(sum(bit_count(seen)), 0) FROM closed) + (SELECT count(*) FROM checked WHERE seen = 0) AS with_approved,
           (SELECT coalesce(sum(bit_count(twice)), 0) FROM closed)
         + (SELECT count(*) FROM checked WHERE twice = 0 AND (seen = 1 OR approved >= 2)) AS two_or_more`);
  const withApproved = num(rows[0]?.with_approved);
  const withTwoOrMore = num(rows[0]?.two_or_more);
  return { withApproved, withTwoOrMore, share: withApproved ? withTwoOrMore / withApproved : null };
}
