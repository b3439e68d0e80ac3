import "server-only";
import { z } from "zod";
import type { CalendarDayKind } from "@/generated/prisma/enums";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { addDays, isWeekend, utcDateKey, utcMidnight } from "@/lib/moscow-time";
import { CALENDAR_YEAR_RANGE } from "@/lib/rules/calendar";
import { isBusinessDayWith } from "@/server/calendar/business-days";
import { db } from "@/server/db/client";

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
      // A DATE column holds a date key as its UTC midnight.
      where: { date: { gte: utcMidnight(`${year}-01-01`), lte: utcMidnight(`${year}-12-31`) } },
      orderBy: { date: "asc" },
      select: { date: true, kind: true, note: true, updatedAt: true, updatedBy: { select: { name: true, email: true } } },
    }),
    db.$queryRaw<{ year: number }[]>`SELECT DISTINCT extract(year FROM date)::int AS year FROM calendar_days ORDER BY year`,
  ]);

  const days: CalendarYearDay[] = rows.map((row) => {
    const date = utcDateKey(row.date);
    return {
      date,
      month: row.date.getUTCMonth() + 1,
      kind: row.kind,
      note: row.note,
      onWeekend: row.kind === "HOLIDAY" && isWeekend(date),
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy ? (row.updatedBy.name ?? row.updatedBy.email) : null,
    };
  });

  const exceptions = new Map(days.map((day) => [day.date, day.kind]));
  let businessDays = 0;
  for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = addDays(day, 1)) {
    if (isBusinessDayWith(day, exceptions.get(day))) businessDays += 1;
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
