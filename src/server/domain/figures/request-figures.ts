import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { dayText, type FiguresRange, moscowDay, num, rangeDates } from "./figures-range";

export interface RequestFigures {
  /** Requests filed in the range. */
  filed: number;
  perDay: { day: string; filed: number }[];
}

/** Requests by the Moscow day they were filed (filed_at never changes, so past days never move). */
export async function requestFigures(range: FiguresRange): Promise<RequestFigures> {
  const rows = await db.$queryRaw<{ day: string; count: bigint }[]>(Prisma.sql`
    SELECT ${dayText(Prisma.sql`d`)} AS day, count FROM (
      SELECT ${moscowDay(Prisma.sql`filed_at`)} AS d, count(*) AS count
        FROM review_requests
       WHERE filed_at >= ${range.startSql} AND filed_at < ${range.endSql}
       GROUP BY 1) s`);
  const byDay = new Map(rows.map((row) => [row.day, num(row.count)]));
  return {
    filed: rows.reduce((sum, row) => sum + num(row.count), 0),
    perDay: rangeDates(range).map((day) => ({ day, filed: byDay.get(day) ?? 0 })),
  };
}
