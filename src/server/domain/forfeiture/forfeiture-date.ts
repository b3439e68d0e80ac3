/**
 * When a shopper's points are forfeited, and when they are warned. Pure: the same arithmetic that
 * forfeiture-sql.ts does in PostgreSQL, for the cabinet's countdown and for tests.
 *
 * The forfeiture date is the inactivity clock (last prize order, else the points that started it) plus
 * `months` calendar months on the Moscow wall clock, keeping the clock time; a day that the target month
 * lacks becomes its last day (31 August + 6 months = 28 or 29 February), exactly as PostgreSQL adds
 * `interval '6 months'` to a timestamp. The points go at that instant, not at the end of the day.
 *
 * Warnings go out 30 and 7 days before that instant. A shopper already within 7 days gets the 7-day
 * warning only (a 30-day one would say the same thing later than it should), and a shopper whose date has
 * passed gets none: the forfeiture run takes the points.
 */

// Moscow has been UTC+3 all year round since 26 October 2014 (no daylight saving): a fixed offset is exact
// for every clock this portal can hold, and PostgreSQL does the same arithmetic without a time-zone lookup
// per row (forfeiture-sql.ts). Same reasoning as calendar/business-days.ts.
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Lead times of the warnings, in days before the forfeiture date, the earliest first. */
export const FORFEITURE_WARNING_DAYS = [30, 7] as const;
export type ForfeitureWarningDays = (typeof FORFEITURE_WARNING_DAYS)[number];

/** `date` moved by whole calendar months (negative: back) on the Moscow wall clock; see the header. */
export function addMoscowMonths(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  // The Moscow wall clock read as UTC fields.
  const wall = new Date(time + MOSCOW_OFFSET_MS);
  const monthIndex = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(wall.getUTCDate(), lastDay);
  const shifted = Date.UTC(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds());
  return new Date(shifted - MOSCOW_OFFSET_MS);
}

/** The instant the points of a clock started at `clockFrom` are forfeited. */
export function forfeitureDate(clockFrom: Date, months: number): Date {
  return addMoscowMonths(clockFrom, months);
}

/**
 * An upper bound on the clocks that are due at `at`: every clock whose forfeiture date is <= `at` is <= this
 * (the converse need not hold; the exact test follows it). It lets SQL compare the indexed column with a
 * constant before computing anyone's date. Month-end clamping is why it is not simply `at` minus the months:
 * 31 August + 6 months = 28 February, so on 28 February a clock from 29–31 August is due while
 * 28 February − 6 months = 28 August. Clamping loses at most 3 days (31 → 28), hence the margin.
 */
export function dueClockBound(at: Date, months: number): Date {
  return new Date(addMoscowMonths(at, -months).getTime() + 3 * DAY_MS);
}

/** Which warning is due at `at` for points forfeited at `forfeitAt`: 7, 30, or none. */
export function warningDaysDue(forfeitAt: Date, at: Date): ForfeitureWarningDays | null {
  const left = forfeitAt.getTime() - at.getTime();
  if (left <= 0) return null;
  if (left <= 7 * DAY_MS) return 7;
  if (left <= 30 * DAY_MS) return 30;
  return null;
}

/** Whole days left until `forfeitAt`, rounded up (a few hours left is "1 day"); 0 once it has passed. */
export function daysLeft(forfeitAt: Date, at: Date): number {
  return Math.max(0, Math.ceil((forfeitAt.getTime() - at.getTime()) / DAY_MS));
}
