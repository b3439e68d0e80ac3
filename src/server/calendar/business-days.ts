import "server-only";
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

import { DAY_MS, fromMoscowWallClock, isWeekend, moscowWallClock, utcDateKey } from "@/lib/moscow-time";

export type CalendarDayKind = "HOLIDAY" | "WORKING_DAY";
/** Moscow date "YYYY-MM-DD" → exception to the Monday–Friday week. */
export type CalendarExceptions = ReadonlyMap<string, CalendarDayKind>;

/** No real calendar has ten years without a business day: beyond that the exceptions are broken. */
const MAX_DAYS_SCANNED = 3660;

/** Whether the Moscow calendar date of `date` is a business day. */
export function isBusinessDay(date: Date, exceptions: CalendarExceptions): boolean {
  return isBusinessDayAt(moscowWallClock(date), exceptions);
}

/** `start` moved forward by `days` business days, keeping its Moscow clock time (see the definition above). */
export function addBusinessDays(start: Date, days: number, exceptions: CalendarExceptions): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  // Moscow has no daylight saving: adding whole days to the wall clock keeps the clock time.
  let cursor = moscowWallClock(start);
  let counted = 0;
  for (let scanned = 0; counted < days; scanned += 1) {
    if (scanned >= MAX_DAYS_SCANNED) throw new Error(`No ${days} business days within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
    cursor += DAY_MS;
    if (isBusinessDayAt(cursor, exceptions)) counted += 1;
  }
  return fromMoscowWallClock(cursor);
}

/** Whether Moscow date `key` is a business day with this exception (or none) on it. */
export function isBusinessDayWith(key: string, exception: CalendarDayKind | null | undefined): boolean {
  if (exception === "HOLIDAY") return false;
  if (exception === "WORKING_DAY") return true;
  return !isWeekend(key);
}

function isBusinessDayAt(wallClockMs: number, exceptions: CalendarExceptions): boolean {
  const key = utcDateKey(new Date(wallClockMs));
  return isBusinessDayWith(key, exceptions.get(key));
}
