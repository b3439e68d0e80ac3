import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { dayText, type FiguresRange, moscowDay, num, rangeDates } from "./figures-range";

export interface ParticipantFigures {
  /** Shopper accounts created in the range (first sign-in with consent). */
  newCount: number;
  /** Shopper accounts created before the range's end, anonymised ones included (they took part). */
  total: number;
  /** Shoppers who filed at least one request in the range. */
  activeShoppers: number;
  perDay: { day: string; newCount: number }[];
}

/** Participants are shopper accounts (role CUSTOMER); staff accounts never count. */
export async function participantFigures(range: FiguresRange): Promise<ParticipantFigures> {
  const [perDay, totals, active] = await Promise.all([
    db.$queryRaw<{ day: string; count: bigint }[]>(Prisma.sql`
      SELECT ${dayText(Prisma.sql`d`)} AS day, count FROM (
        SELECT ${moscowDay(Prisma.sql`created_at`)} AS d, count(*) AS count
          FROM users
         WHERE role = 'CUSTOMER' AND created_at >= ${range.startSql} AND created_at < ${range.endSql}
         GROUP BY 1) s`),
    db.$queryRaw<{ total: bigint }[]>(Prisma.sql`
      SELECT count(*) AS total FROM users WHERE role = 'CUSTOMER' AND created_at < ${range.endSql}`),
    db.$queryRaw<{ active: bigint }[]>(Prisma.sql`
      SELECT count(DISTINCT customer_id) AS active
        FROM review_requests WHERE filed_at >= ${range.startSql} AND filed_at < ${range.endSql}`),
  ]);
  const byDay = new Map(perDay.map((row) => [row.day, num(row.count)]));
  return {
    newCount: perDay.reduce((sum, row) => sum + num(row.count), 0),
    total: num(totals[0]?.total),
    activeShoppers: num(active[0]?.active),
    perDay: rangeDates(range).map((day) => ({ day, newCount: byDay.get(day) ?? 0 })),
  };
}
