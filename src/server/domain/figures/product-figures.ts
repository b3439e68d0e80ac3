import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { type FiguresRange, num } from "./figures-range";

export const TOP_PRODUCTS = 10;

export interface TopProduct {
  productId: number;
  name: string;
  approvedReviews: number;
}

/** Products by review parts approved in the range (by the approval's Moscow day), most first. */
export async function topProducts(range: FiguresRange): Promise<TopProduct[]> {
  const rows = await db.$queryRaw<{ id: number; name: string; approved: bigint }[]>(Prisma.sql`
    SELECT pr.id, pr.name, t.approved
      FROM (SELECT r.product_id, count(*) AS approved
              FROM request_parts p JOIN review_requests r ON r.id = p.request_id
             WHERE p.kind = 'REVIEW' AND p.status = 'APPROVED' AND p.decided_at >= ${range.startSql} AND p.decided_at < ${range.endSql}
             GROUP BY r.product_id
             ORDER BY approved DESC, r.product_id
             LIMIT ${TOP_PRODUCTS}) t
      JOIN products pr ON pr.id = t.product_id
     ORDER BY t.approved DESC, pr.id`);
  return rows.map((row) => ({ productId: row.id, name: row.name, approvedReviews: num(row.approved) }));
}
