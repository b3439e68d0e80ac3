import "server-only";
import { z } from "zod";

/** Years an administrator may edit: wide enough for any campaign, narrow enough to catch a mistyped year. */
export const CALENDAR_YEAR_RANGE = { min: 2020, max: 2100 } as const;

function isRealDate(key: string): boolean {
  // "2026-02-30" parses to 2 March: a date is real when it survives the round trip unchanged.
  const date = new Date(`${key}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === key;
}

/** A Moscow calendar date "YYYY-MM-DD" (what `<input type="date">` sends). */
export const calendarDateSchema = z
  .string({ error: "Укажите дату." })
  .trim()
  .min(1, "Укажите дату.")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Укажите дату в формате ГГГГ-ММ-ДД.")
  .refine(isRealDate, "Такой даты нет в календаре.")
  .refine((key) => {
    const year = Number(key.slice(0, 4));
    return year >= CALENDAR_YEAR_RANGE.min && year <= CALENDAR_YEAR_RANGE.max;
  }, `Календарь ведётся для ${CALENDAR_YEAR_RANGE.min}–${CALENDAR_YEAR_RANGE.max} годов.`);

/** A DATE column's value for a date key: UTC midnight reads back as the same calendar date. */
export function calendarDateValue(key: string): Date {
  return new Date(`${key}T00:00:00Z`);
}

export function calendarDateKey(value: Date): string {
  return value.toISOString().slice(0, 10);
}
