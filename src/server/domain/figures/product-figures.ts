import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { closedDayIn, liveDaysCte, PRODUCT_FACTS_LIVE } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";

export const TOP_PRODUCTS = 10;

export interface TopProduct {
  productId: number;
  name: string;
  approvedReviews: number;
}

/** Products by review parts approved in the range (by the approval's Moscow day), most first. */
export async function topProducts(range: FiguresRange): Promise<TopProduct[]> {
  const toExclusive = addDays(range.to, 1);
  const rows = await db.$queryRaw<{ id: number; name: string; approved: bigint }[]>(Prisma.sql`
    WITH ${liveDaysCte(range.from, toExclusive)},
    top AS (
      SELECT product_id, sum(approved_reviews)::int8 AS approved FROM (
        SELECT f.product_id, f.approved_reviews::int8 FROM figures_day_products f WHERE ${closedDayIn("f", range.from, toExclusive)}
        UNION ALL
        SELECT product_id, approved_reviews FROM (${PRODUCT_FACTS_LIVE}) live
      ) t
      GROUP BY product_id
      ORDER BY approved DESC, product_id
      LIMIT ${TOP_PRODUCTS})
    SELECT pr.id, pr.name, top.approved FROM top JOIN products pr ON pr.id = top.product_id
     ORDER BY top.approved DESC, pr.id`);
  return rows.map((row) => ({ productId: row.id, name: row.name, approvedReviews: num(row.approved) }));
}
