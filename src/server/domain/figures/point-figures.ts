import "server-only";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { dailyFactsSql, POINT_FACTS, totalFactsSql } from "./figures-facts";
import { type FiguresRange, num, rangeDates } from "./figures-range";

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
  /** Points held by shoppers now: the programme's liability (sum of the whole ledger = sum of balances). */
  outstanding: number;
  perDay: PointDay[];
}

type PointRow = Record<"points_credited" | "points_spent" | "points_forfeited" | "points_adjusted" | "points_net", bigint>;

/** Points moved in the range, from the ledger by kind and Moscow day; the liability as of now. */
export async function pointFigures(range: FiguresRange): Promise<PointFigures> {
  const [rows, liability] = await Promise.all([
    db.$queryRaw<(PointRow & { day: string })[]>(dailyFactsSql(POINT_FACTS, range.from, addDays(range.to, 1))),
    db.$queryRaw<PointRow[]>(totalFactsSql(POINT_FACTS, "-infinity", "infinity")),
  ]);
  const byDay = new Map<string, PointDay>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { day: row.day, credited: 0, spent: 0, forfeited: 0 };
    day.credited += num(row.points_credited);
    day.spent += num(row.points_spent);
    day.forfeited += num(row.points_forfeited);
    byDay.set(row.day, day);
  }
  const total = (pick: (row: PointRow) => bigint) => rows.reduce((sum, row) => sum + num(pick(row)), 0);
  return {
    credited: total((row) => row.points_credited),
    spent: total((row) => row.points_spent),
    forfeited: total((row) => row.points_forfeited),
    adjusted: total((row) => row.points_adjusted),
    outstanding: num(liability[0]?.points_net),
    perDay: rangeDates(range).map((day) => byDay.get(day) ?? { day, credited: 0, spent: 0, forfeited: 0 }),
  };
}
