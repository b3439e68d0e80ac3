/**
 * Moscow time, the programme's time zone: every deadline, day boundary and date a person sees is Moscow's.
 * Client-safe and free of imports, so pages, the domain, scripts and benches share it. SQL pieces with the
 * same arithmetic are in src/server/db/moscow-time-sql.ts; Russian date formatting is in src/lib/format.ts.
 *
 * Moscow has been UTC+3 all year round since 26 October 2014 (no daylight saving), so a fixed offset is
 * exact for every date the portal deals with, PostgreSQL can do the same arithmetic without a time-zone
 * lookup per row, and adding whole days keeps the clock time.
 *
 * A "date key" is a calendar date written "YYYY-MM-DD" (what `<input type="date">` sends): a Moscow date
 * unless said otherwise. Instants are `Date`s; the columns hold them as UTC.
 */

export const PROGRAMME_TIME_ZONE = "Europe/Moscow";
export const MOSCOW_UTC_OFFSET_HOURS = 3;

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
const MOSCOW_UTC_OFFSET_MS = MOSCOW_UTC_OFFSET_HOURS * HOUR_MS;

const DATE_KEY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `value` is a real calendar date "YYYY-MM-DD": the shape, and a date that exists (not 2026-02-30,
 * not 2026-13-01; 29 February only in leap years). The one such check of the portal.
 */
export function isDateKey(value: string): boolean {
  if (!DATE_KEY_SHAPE.test(value)) return false;
  const date = utcMidnight(value);
  // Date.UTC rolls 30 February over to 2 March: a real date survives the round trip unchanged.
  return !Number.isNaN(date.getTime()) && utcDateKey(date) === value;
}

/** The UTC midnight of a date key: what a DATE column reads back as, and a date that formats in UTC as itself. */
export function utcMidnight(key: string): Date {
  return new Date(`${key}T00:00:00Z`);
}

/** The UTC calendar date of an instant, "YYYY-MM-DD" (of a DATE column's value: its own date). */
export function utcDateKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `key` moved by whole calendar days (negative: back). */
export function addDays(key: string, days: number): string {
  return utcDateKey(new Date(utcMidnight(key).getTime() + days * DAY_MS));
}

/** Calendar days from `from` to `to` (0 for the same date; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to).getTime() - utcMidnight(from).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: string): number {
  return utcMidnight(key).getUTCDay();
}

export function isWeekend(key: string): boolean {
  const weekday = weekdayOf(key);
  return weekday === 0 || weekday === 6;
}

/**
 * Milliseconds of the Moscow wall clock read as if it were UTC: the UTC fields of `new Date(result)` are
 * Moscow's date and time. Refuses an invalid date.
 */
export function moscowWallClock(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  return time + MOSCOW_UTC_OFFSET_MS;
}

/** The instant of a Moscow wall-clock reading (the inverse of moscowWallClock). */
export function fromMoscowWallClock(wallClockMs: number): Date {
  return new Date(wallClockMs - MOSCOW_UTC_OFFSET_MS);
}

/** The Moscow calendar date of an instant, "YYYY-MM-DD". */
export function moscowDateKey(date: Date): string {
  return utcDateKey(new Date(moscowWallClock(date)));
}

/** The instant `time` ("HH:MM[:SS[.mmm]]") strikes in Moscow on date `key`; Invalid Date for a malformed one. */
export function atMoscowTime(key: string, time: string): Date {
  return fromMoscowWallClock(Date.parse(`${key}T${time}Z`));
}

/** Midnight in Moscow at the start of date `key`. */
export function startOfMoscowDay(key: string): Date {
  return atMoscowTime(key, "00:00:00");
}

/** The last millisecond of date `key` in Moscow: a day that "counts whole" ends here. */
export function endOfMoscowDay(key: string): Date {
  return atMoscowTime(key, "23:59:59.999");
}

/**
 * `date` moved by whole calendar months (negative: back) on the Moscow wall clock, keeping the clock time; a
 * day the target month lacks becomes its last day (31 August + 6 months = 28 or 29 February), exactly as
 * PostgreSQL adds `interval 'N months'` to a timestamp.
 */
export function addMoscowMonths(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const wall = new Date(moscowWallClock(date));
  const monthIndex = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(wall.getUTCDate(), lastDay);
  return fromMoscowWallClock(Date.UTC(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds()));
}
