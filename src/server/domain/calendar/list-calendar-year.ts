import "server-only";
import { z } from "zod";
import type { CalendarDayKind } from "@/generated/prisma/enums";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { type CalendarExceptions, isBusinessDay } from "@/server/calendar/business-days";
import { db } from "@/server/db/client";
import { CALENDAR_YEAR_RANGE, calendarDateKey, calendarDateValue } from "./calendar-day-input";

export const listCalendarYearInput = z.object({
  year: z.coerce
    .number({ error: "Укажите год." })
    .int("Укажите год.")
    .min(CALENDAR_YEAR_RANGE.min, `Календарь ведётся с ${CALENDAR_YEAR_RANGE.min} года.`)
    .max(CALENDAR_YEAR_RANGE.max, `Календарь ведётся до ${CALENDAR_YEAR_RANGE.max} года.`),
});

export interface CalendarYearDay {
  date: string;
  /** 1–12 */
  month: number;
  kind: CalendarDayKind;
  note: string | null;
  /** A HOLIDAY on a Saturday or Sunday: listed as the law lists it, but it changes no due date. */
  onWeekend: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

/**
 * One year of the business-day calendar for the administrator: its exceptions in date order, the years
 * that have any (for the year switcher) and the year's count of business days, which is how the
 * government's production calendar is usually checked (247 in 2025 and 2026).
 */
export async function listCalendarYear(actor: AdminActor, input: z.infer<typeof listCalendarYearInput>) {
  assertActorRole(actor, AREA_ROLES.admin);
  const { year } = input;
  const [rows, years] = await Promise.all([
    db.calendarDay.findMany({
      where: { date: { gte: calendarDateValue(`${year}-01-01`), lte: calendarDateValue(`${year}-12-31`) } },
      orderBy: { date: "asc" },
      select: { date: true, kind: true, note: true, updatedAt: true, updatedBy: { select: { name: true, email: true } } },
    }),
    db.$queryRaw<{ year: number }[]>`SELECT DISTINCT extract(year FROM date)::int AS year FROM calendar_days ORDER BY year`,
  ]);

  const days: CalendarYearDay[] = rows.map((row) => {
    const date = calendarDateKey(row.date);
    const weekday = row.date.getUTCDay();
    return {
      date,
      month: row.date.getUTCMonth() + 1,
      kind: row.kind,
      note: row.note,
      onWeekend: row.kind === "HOLIDAY" && (weekday === 0 || weekday === 6),
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy ? (row.updatedBy.name ?? row.updatedBy.email) : null,
    };
  });

  const exceptions: CalendarExceptions = new Map(days.map((day) => [day.date, day.kind]));
  let businessDays = 0;
  for (let day = new Date(Date.UTC(year, 0, 1, 9)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
    // 09:00 UTC is 12:00 in Moscow: the same calendar date in both.
    if (isBusinessDay(day, exceptions)) businessDays += 1;
  }

  return {
    year,
    days,
    years: years.map((row) => row.year),
    businessDays,
    holidays: days.filter((day) => day.kind === "HOLIDAY" && !day.onWeekend).length,
    workingWeekendDays: days.filter((day) => day.kind === "WORKING_DAY").length,
  };
}
