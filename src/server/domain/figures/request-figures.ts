import "server-only";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { dailyFactsSql, REQUEST_FACTS } from "./figures-facts";
import { type FiguresRange, num, rangeDates } from "./figures-range";

export interface RequestFigures {
  /** Requests filed in the range. */
  filed: number;
  perDay: { day: string; filed: number }[];
}

/** Requests by the Moscow day they were filed. */
export async function requestFigures(range: FiguresRange): Promise<RequestFigures> {
  const rows = await db.$queryRaw<{ day: string; requests_filed: bigint }[]>(dailyFactsSql(REQUEST_FACTS, range.from, addDays(range.to, 1)));
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + num(row.requests_filed));
  const perDay = rangeDates(range).map((day) => ({ day, filed: byDay.get(day) ?? 0 }));
  return { filed: perDay.reduce((sum, row) => sum + row.filed, 0), perDay };
}
