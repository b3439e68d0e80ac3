/**
 * Business days on the Russian production calendar, in Moscow time. Pure: the exceptions come from the
 * caller (the calendar_days table, see due-dates.ts).
 *
 * A day is a business day when it is Monday–Friday and not a HOLIDAY exception, or when it is a
 * Saturday/Sunday marked WORKING_DAY (a working day the government transferred onto a weekend).
 *
 * Due dates: something filed at instant T is due at the same Moscow clock time on the N-th business day
 * strictly after T's Moscow date. Whether T's own date is a business day does not matter: filed on Friday
 * 15:00 → Monday is day 1 and it is due on the 5th business day at 15:00 (after a long holiday, that many
 * business days after it); filed on a Saturday or a holiday → counting starts at the next business day all
 * the same. N = 0 is T itself.
 */

export type CalendarDayKind = "HOLIDAY" | "WORKING_DAY";
/** Moscow date "YYYY-MM-DD" → exception to the Monday–Friday week. */
export type CalendarExceptions = ReadonlyMap<string, CalendarDayKind>;

// Moscow has been UTC+3 all year round since 26 October 2014 (no daylight saving), so a fixed offset is
// exact for every date the portal deals with, and adding whole days keeps the clock time.
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** No real calendar has ten years without a business day: beyond that the exceptions are broken. */
const MAX_DAYS_SCANNED = 3660;

/** The Moscow calendar date of an instant, "YYYY-MM-DD". */
export function moscowDateKey(date: Date): string {
  return new Date(moscowClock(date)).toISOString().slice(0, 10);
}

/** Whether the Moscow calendar date of `date` is a business day. */
export function isBusinessDay(date: Date, exceptions: CalendarExceptions): boolean {
  return isBusinessDayAt(moscowClock(date), exceptions);
}

/** `start` moved forward by `days` business days, keeping its Moscow clock time (see the definition above). */
export function addBusinessDays(start: Date, days: number, exceptions: CalendarExceptions): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  let cursor = moscowClock(start);
  let counted = 0;
  for (let scanned = 0; counted < days; scanned += 1) {
    if (scanned >= MAX_DAYS_SCANNED) throw new Error(`No ${days} business days within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
    cursor += DAY_MS;
    if (isBusinessDayAt(cursor, exceptions)) counted += 1;
  }
  return new Date(cursor - MOSCOW_OFFSET_MS);
}

/** Milliseconds of the Moscow wall clock read as if it were UTC: its UTC fields are Moscow's date and time. */
function moscowClock(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  return time + MOSCOW_OFFSET_MS;
}

function isBusinessDayAt(moscowMs: number, exceptions: CalendarExceptions): boolean {
  const day = new Date(moscowMs);
  const exception = exceptions.get(day.toISOString().slice(0, 10));
  if (exception === "HOLIDAY") return false;
  if (exception === "WORKING_DAY") return true;
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
