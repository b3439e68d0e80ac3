import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
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
 */
export async function repeatFigures(range: FiguresRange): Promise<RepeatFigures> {
  const rows = await db.$queryRaw<{ with_approved: bigint; two_or_more: bigint }[]>(Prisma.sql`
    SELECT count(*) AS with_approved, count(*) FILTER (WHERE approved >= 2) AS two_or_more
      FROM (SELECT customer_id, count(*) AS approved
              FROM review_requests
             WHERE filed_at >= ${range.startSql} AND filed_at < ${range.endSql} AND status IN ('APPROVED', 'PARTIALLY_APPROVED')
             GROUP BY customer_id) s`);
  const withApproved = num(rows[0]?.with_approved);
  const withTwoOrMore = num(rows[0]?.two_or_more);
  return { withApproved, withTwoOrMore, share: withApproved ? withTwoOrMore / withApproved : null };
}
