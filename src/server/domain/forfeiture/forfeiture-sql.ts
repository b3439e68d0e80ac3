import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addMoscowMonthsSql } from "@/server/db/moscow-time-sql";

// SQL pieces the forfeiture run and the warnings share, so both compute the forfeiture date exactly as
// forfeiture-date.ts does (its unit tests pin the rules; forfeiture.integration.test.ts checks the two agree).

/** users.inactivity_clock_from + `months` calendar months on the Moscow wall clock, as a stored (UTC) timestamp. */
export function forfeitAtSql(months: number, column: Prisma.Sql = Prisma.sql`inactivity_clock_from`): Prisma.Sql {
  return addMoscowMonthsSql(column, months);
}

/** The clock as the idempotency keys spell it: the ISO string JavaScript's toISOString() gives (UTC, ms). */
export function clockIsoSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** The forfeiture entry's idempotency key: one write-off per clock period, whatever retries happen. */
export function forfeitureKey(customerId: number, clockFrom: Date): string {
  return `forfeit:${customerId}:${clockFrom.toISOString()}`;
}
