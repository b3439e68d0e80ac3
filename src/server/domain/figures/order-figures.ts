import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { OrderStatus, PrizeKind } from "@/generated/prisma/enums";
import { isLowStock } from "@/lib/rules/stock";
import { db } from "@/server/db/client";
import { type FiguresRange, num } from "./figures-range";

export const ORDER_STATUSES: readonly OrderStatus[] = ["NEW", "APPROVED", "SHIPPED", "DELIVERED", "CANCELLED"];

export interface OrderFigures {
  /** Orders placed in the range, by their status now. */
  byStatus: { status: OrderStatus; count: number }[];
  placed: number;
}

export interface LowStockPrize {
  prizeId: number;
  title: string;
  kind: PrizeKind;
  /** Physical: units in stock; digital: codes not reserved by any order. */
  left: number;
}

export async function orderFigures(range: FiguresRange): Promise<OrderFigures> {
  const rows = await db.$queryRaw<{ status: OrderStatus; count: bigint }[]>(Prisma.sql`
    SELECT status::text AS status, count(*) AS count
      FROM prize_orders WHERE created_at >= ${range.startSql} AND created_at < ${range.endSql}
     GROUP BY status`);
  const byStatus = ORDER_STATUSES.map((status) => ({ status, count: num(rows.find((row) => row.status === status)?.count) }));
  return { byStatus, placed: byStatus.reduce((sum, row) => sum + row.count, 0) };
}

/**
 * Shown prizes about to run out now (stock is a present-tense figure, not the range's): physical ones with
 * few units, digital ones with few codes free (order_id NULL) — LOW_STOCK_THRESHOLD —, fewest left first.
 */
export async function lowStockPrizes(): Promise<LowStockPrize[]> {
  const rows = await db.$queryRaw<{ id: number; title: string; kind: PrizeKind; left: bigint }[]>(Prisma.sql`
    SELECT p.id, p.title, p.kind::text AS kind,
           CASE WHEN p.kind = 'PHYSICAL' THEN p.stock::int8
                ELSE (SELECT count(*) FROM prize_codes c WHERE c.prize_id = p.id AND c.order_id IS NULL) END AS left
      FROM prizes p
     WHERE p.is_active`);
  return rows
    .map((row) => ({ prizeId: row.id, title: row.title, kind: row.kind, left: num(row.left) }))
    .filter((prize) => isLowStock(prize.left))
    .sort((a, b) => a.left - b.left || a.prizeId - b.prizeId);
}
