import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { MOSCOW_UTC_OFFSET_HOURS, startOfMoscowDay } from "@/lib/moscow-time";

// The SQL side of src/lib/moscow-time.ts. Prisma keeps DateTime columns as UTC in `timestamp(3)` (no zone),
// so Moscow's wall clock is the stored value plus the fixed offset: no time-zone lookup per row, and an
// expression an index can serve when it is on the constant's side.

const OFFSET = Prisma.raw(`interval '${MOSCOW_UTC_OFFSET_HOURS} hours'`);

/** A column name (trusted text from the code, never input) or an SQL expression. */
type Expression = string | Prisma.Sql;

function expression(value: Expression): Prisma.Sql {
  return typeof value === "string" ? Prisma.raw(value) : value;
}

/** An instant as a stored-time literal: compare columns with UTC timestamps, not timestamptz. */
export function utcTimestampSql(at: Date): Prisma.Sql {
  return Prisma.sql`${at.toISOString().slice(0, 23)}::timestamp`;
}

/** A stored timestamp read on the Moscow wall clock (a `timestamp` whose fields are Moscow's). */
export function moscowWallClockSql(column: Expression): Prisma.Sql {
  return Prisma.sql`(${expression(column)} + ${OFFSET})`;
}

/** The Moscow calendar date (`date`) of a stored timestamp. */
export function moscowDateSql(column: Expression): Prisma.Sql {
  return Prisma.sql`${moscowWallClockSql(column)}::date`;
}

/** The Moscow calendar date of a stored timestamp as text, "YYYY-MM-DD" (a date key). */
export function moscowDateKeySql(column: Expression): Prisma.Sql {
  return Prisma.sql`to_char(${moscowWallClockSql(column)}, 'YYYY-MM-DD')`;
}

/** Moscow midnight at the start of a `date` expression, in stored time. */
export function moscowMidnightSql(day: Expression): Prisma.Sql {
  return Prisma.sql`(${expression(day)}::timestamp - ${OFFSET})`;
}

/** Moscow midnight at the start of date key `key`, in stored time: "YYYY-MM-DD HH:MM:SS". */
export function storedMoscowMidnight(key: string): string {
  return startOfMoscowDay(key).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * A stored timestamp plus `months` calendar months on the Moscow wall clock, back in stored time: what
 * addMoscowMonths does (`timestamp + interval 'N months'` clamps to the month's last day the same way).
 */
export function addMoscowMonthsSql(column: Expression, months: number): Prisma.Sql {
  return Prisma.sql`(${moscowWallClockSql(column)} + make_interval(months => ${months}::int) - ${OFFSET})`;
}
