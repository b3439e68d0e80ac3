import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { closedDayIn, dailyFactsSql, liveDaysCte, PARTICIPANT_FACTS, SHOPPER_CHUNK, LIVE_FILED_REQUESTS, totalFactsSql } from "./figures-facts";
import { type FiguresRange, num, rangeDates } from "./figures-range";

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
  const toExclusive = addDays(range.to, 1);
  const [perDay, totals, active] = await Promise.all([
    db.$queryRaw<{ day: string; new_participants: bigint }[]>(dailyFactsSql(PARTICIPANT_FACTS, range.from, toExclusive)),
    db.$queryRaw<{ new_participants: bigint }[]>(totalFactsSql(PARTICIPANT_FACTS, "-infinity", toExclusive)),
    // Distinct shoppers: the closed days' bitmaps OR-ed, plus the live days' shoppers not already in them.
    db.$queryRaw<{ active: bigint }[]>(Prisma.sql`
      WITH ${liveDaysCte(range.from, toExclusive)},
      closed AS (SELECT chunk, bit_or(filed) AS filed FROM figures_day_shoppers f WHERE ${closedDayIn("f", range.from, toExclusive)} GROUP BY chunk),
      live AS (SELECT DISTINCT r.customer_id FROM ${LIVE_FILED_REQUESTS})
      SELECT (SELECT coalesce(sum(bit_count(filed)), 0) FROM closed)
           + (SELECT count(*) FROM live l LEFT JOIN closed c ON c.chunk = l.customer_id / ${SHOPPER_CHUNK}
               WHERE c.filed IS NULL OR get_bit(c.filed, (l.customer_id % ${SHOPPER_CHUNK})::int) = 0) AS active`),
  ]);
  const byDay = new Map<string, number>();
  for (const row of perDay) byDay.set(row.day, (byDay.get(row.day) ?? 0) + num(row.new_participants));
  const series = rangeDates(range).map((day) => ({ day, newCount: byDay.get(day) ?? 0 }));
  return {
    newCount: series.reduce((sum, row) => sum + row.newCount, 0),
    total: num(totals[0]?.new_participants),
    activeShoppers: num(active[0]?.active),
    perDay: series,
  };
}
