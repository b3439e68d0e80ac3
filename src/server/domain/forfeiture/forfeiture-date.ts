import "server-only";
/**
 * When a shopper's points are forfeited, and when they are warned. Pure: the same arithmetic that
 * forfeiture-sql.ts does in PostgreSQL, for the cabinet's countdown and for tests.
 *
 * The forfeiture date is the inactivity clock (last prize order, else the points that started it) plus
 * `months` calendar months on the Moscow wall clock, keeping the clock time; a day that the target month
 * lacks becomes its last day (31 August + 6 months = 28 or 29 February), exactly as PostgreSQL adds
 * `interval '6 months'` to a timestamp. The points go at that instant, not at the end of the day.
 *
 * Warnings go out FORFEITURE_WARNING_DAYS days before that instant. A shopper already within
 * the last warning's days gets that one only (an earlier one would say the same thing later than it should),
 * and a shopper whose date has passed gets none: the forfeiture run takes the points.
 */
import { DAY_MS, addMoscowMonths } from "@/lib/moscow-time";
import { FORFEITURE_WARNING_DAYS, type ForfeitureWarningDays } from "@/lib/rules/forfeiture-warnings";

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

/** Which warning is due at `at` for points forfeited at `forfeitAt`: the latest one reached (7, 30), or none. */
export function warningDaysDue(forfeitAt: Date, at: Date): ForfeitureWarningDays | null {
  const left = forfeitAt.getTime() - at.getTime();
  if (left <= 0) return null;
  // The latest lead time first: the warnings are listed earliest first.
  for (const days of [...FORFEITURE_WARNING_DAYS].reverse()) if (left <= days * DAY_MS) return days;
  return null;
}

/** Whole days left until `forfeitAt`, rounded up (a few hours left is "1 day"); 0 once it has passed. */
export function daysLeft(forfeitAt: Date, at: Date): number {
  return Math.max(0, Math.ceil((forfeitAt.getTime() - at.getTime()) / DAY_MS));
}
