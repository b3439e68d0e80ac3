import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { countRu } from "@/lib/plural-ru";
import { addDays, daysBetween, isDateKey, moscowDateKey } from "@/lib/moscow-time";
import { storedMoscowMidnight } from "@/server/db/moscow-time-sql";

// Figures are by Moscow day. Timestamps are stored as UTC `timestamp(3)`, so a Moscow day D covers
// [D's Moscow midnight, D+1's) in stored time (src/lib/moscow-time.ts): 23:30 UTC is already the next day.

export const DEFAULT_RANGE_DAYS = 30;
/** Two years: enough for year-on-year, small enough that a load stays cheap. */
export const MAX_RANGE_DAYS = 731;
const DATE_MESSAGE = "Дата — в формате ГГГГ-ММ-ДД.";
const moscowDate = z.string({ error: DATE_MESSAGE }).refine(isDateKey, { error: DATE_MESSAGE });

export const figuresRangeInput = z
  .object({ from: moscowDate.optional(), to: moscowDate.optional() })
  .refine((range) => !range.from || !range.to || range.from <= range.to, { error: "Начало периода — не позже конца.", path: ["from"] })
  .refine((range) => !range.from || !range.to || daysBetween(range.from, range.to) + 1 <= MAX_RANGE_DAYS, {
    error: `Период — не длиннее ${countRu(MAX_RANGE_DAYS, ["дня", "дней", "дней"])}.`,
    path: ["from"],
  });
export type FiguresRangeInput = z.infer<typeof figuresRangeInput>;

export interface FiguresRange {
  /** First and last Moscow date, inclusive, "YYYY-MM-DD". */
  from: string;
  to: string;
  days: number;
  /** Stored-time bounds (UTC wall clock, as the columns hold it): [start, end). */
  start: string;
  end: string;
  /** The same bounds as SQL literals of type timestamp. */
  startSql: Prisma.Sql;
  endSql: Prisma.Sql;
}

/**
 * The range asked for, or the last DEFAULT_RANGE_DAYS Moscow days up to today. Only one end given: the other
 * is that many days away from it (capped at today for `to`).
 */
export function resolveFiguresRange(input: FiguresRangeInput, at: Date): FiguresRange {
  const today = moscowDateKey(at);
  const to = input.to ?? (input.from ? minDate(addDays(input.from, DEFAULT_RANGE_DAYS - 1), today) : today);
  const from = input.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const start = storedMoscowMidnight(from);
  const end = storedMoscowMidnight(addDays(to, 1));
  return { from, to, days: daysBetween(from, to) + 1, start, end, startSql: Prisma.sql`${start}::timestamp`, endSql: Prisma.sql`${end}::timestamp` };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Every Moscow date of the range, for series with a zero on quiet days. */
export function rangeDates(range: FiguresRange): string[] {
  return Array.from({ length: range.days }, (_, index) => addDays(range.from, index));
}

/** Counts and sums come back as bigint or numeric; the figures are far below 2^53. */
export function num(value: bigint | number | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
