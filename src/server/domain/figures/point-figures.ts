import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { dayText, type FiguresRange, moscowDay, num, rangeDates } from "./figures-range";

export interface PointDay {
  day: string;
  credited: number;
  spent: number;
  forfeited: number;
}

export interface PointFigures {
  /** Approved reviews and receipts (REVIEW_APPROVED + RECEIPT_APPROVED) in the range. */
  credited: number;
  /** Prize orders less their refunds (−PRIZE_ORDER − PRIZE_REFUND): what shoppers really spent. */
  spent: number;
  /** Written off after 6 months without an order (−FORFEITURE). */
  forfeited: number;
  /**
   * Manual ADJUSTMENT entries, signed (+ added, − taken). Kept apart: they are corrections by staff, not
   * earnings or spending, and folding them into either would blur the programme's own figures.
   */
  adjusted: number;
  /** Points held by shoppers now: the programme's liability (sum of balances = sum of the whole ledger). */
  outstanding: number;
  perDay: PointDay[];
}

/** Points moved in the range, from the ledger by kind and Moscow day; the liability as of now. */
export async function pointFigures(range: FiguresRange): Promise<PointFigures> {
  const [rows, liability] = await Promise.all([
    db.$queryRaw<{ day: string; credited: bigint; spent: bigint; forfeited: bigint; adjusted: bigint }[]>(Prisma.sql`
      SELECT ${dayText(Prisma.sql`d`)} AS day, credited, spent, forfeited, adjusted FROM (
      SELECT ${moscowDay(Prisma.sql`created_at`)} AS d,
             coalesce(sum(amount) FILTER (WHERE kind IN ('REVIEW_APPROVED', 'RECEIPT_APPROVED')), 0)::int8 AS credited,
             coalesce(-sum(amount) FILTER (WHERE kind IN ('PRIZE_ORDER', 'PRIZE_REFUND')), 0)::int8 AS spent,
             coalesce(-sum(amount) FILTER (WHERE kind = 'FORFEITURE'), 0)::int8 AS forfeited,
             coalesce(sum(amount) FILTER (WHERE kind = 'ADJUSTMENT'), 0)::int8 AS adjusted
        FROM ledger_entries
       WHERE created_at >= ${range.startSql} AND created_at < ${range.endSql}
       GROUP BY 1) s`),
    db.$queryRaw<{ outstanding: bigint }[]>(Prisma.sql`
      SELECT coalesce(sum(points_balance), 0)::int8 AS outstanding FROM users WHERE role = 'CUSTOMER'`),
  ]);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const total = (pick: (row: (typeof rows)[number]) => bigint) => rows.reduce((sum, row) => sum + num(pick(row)), 0);
  return {
    credited: total((row) => row.credited),
    spent: total((row) => row.spent),
    forfeited: total((row) => row.forfeited),
    adjusted: total((row) => row.adjusted),
    outstanding: num(liability[0]?.outstanding),
    perDay: rangeDates(range).map((day) => {
      const row = byDay.get(day);
      return { day, credited: num(row?.credited), spent: num(row?.spent), forfeited: num(row?.forfeited) };
    }),
  };
}
