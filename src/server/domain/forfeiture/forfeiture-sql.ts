import "server-only";
import { Prisma } from "@/generated/prisma/client";

// SQL pieces the forfeiture run and the warnings share, so both compute the forfeiture date exactly as
// forfeiture-date.ts does (its unit tests pin the rules; forfeiture.integration.test.ts checks the two agree).

/** Prisma keeps DateTime columns as UTC in `timestamp(3)`: compare with UTC timestamps, not timestamptz. */
export function utc(at: Date): Prisma.Sql {
  return Prisma.sql`${at.toISOString().slice(0, 23)}::timestamp`;
}

/**
 * users.inactivity_clock_from + `months` calendar months on the Moscow wall clock (UTC+3, no daylight
 * saving since 2014), as a UTC timestamp. `timestamp + interval 'N months'` clamps to the month's last day,
 * like addMoscowMonths; a fixed offset needs no time-zone lookup per row.
 */
export function forfeitAtSql(months: number, column: Prisma.Sql = Prisma.sql`inactivity_clock_from`): Prisma.Sql {
  return Prisma.sql`(${column} + interval '3 hours' + make_interval(months => ${months}::int) - interval '3 hours')`;
}

/** The clock as the idempotency keys spell it: the ISO string JavaScript's toISOString() gives (UTC, ms). */
export function clockIsoSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** The forfeiture entry's idempotency key: one write-off per clock period, whatever retries happen. */
export function forfeitureKey(customerId: number, clockFrom: Date): string {
  return `forfeit:${customerId}:${clockFrom.toISOString()}`;
}
