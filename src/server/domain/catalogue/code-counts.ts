import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Db, Tx } from "@/server/db/client";

/** A digital prize's codes by state: available (no order), reserved (by an order, not sent yet), issued (sent). */
export interface CodeCounts {
  available: number;
  reserved: number;
  issued: number;
}

export const NO_CODES: CodeCounts = { available: 0, reserved: 0, issued: 0 };

/** Code counts of the given prizes (all prizes when none given), in one pass over prize_codes. */
export async function codeCountsByPrize(client: Db | Tx, prizeIds?: number[]): Promise<Map<number, CodeCounts>> {
  if (prizeIds && prizeIds.length === 0) return new Map();
  const rows = await client.$queryRaw<({ prize_id: number } & CodeCounts)[]>`
    SELECT prize_id,
           (count(*) FILTER (WHERE order_id IS NULL))::int AS available,
           (count(*) FILTER (WHERE order_id IS NOT NULL AND issued_at IS NULL))::int AS reserved,
           (count(*) FILTER (WHERE issued_at IS NOT NULL))::int AS issued
      FROM prize_codes
     WHERE ${prizeIds ? Prisma.sql`prize_id = ANY(${prizeIds}::int[])` : Prisma.sql`true`}
     GROUP BY prize_id`;
  return new Map(rows.map(({ prize_id, ...counts }) => [prize_id, counts]));
}
