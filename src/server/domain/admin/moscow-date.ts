import "server-only";
import { moscowDateKey } from "@/server/calendar/business-days";

/** Midnight in Moscow at the start of a "YYYY-MM-DD" calendar date. */
export function startOfMoscowDay(date: string): Date {
  return new Date(`${date}T00:00:00+03:00`);
}

/** Whether a form's "YYYY-MM-DD" is a real calendar date (not 2026-02-30 or 2026-13-01). */
export function isMoscowDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const start = startOfMoscowDay(value);
  return !Number.isNaN(start.getTime()) && moscowDateKey(start) === value;
}
