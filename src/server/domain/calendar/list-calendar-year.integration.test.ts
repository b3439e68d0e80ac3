import { describe, expect, it } from "vitest";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import { RUSSIAN_PRODUCTION_CALENDAR } from "@/server/calendar/russian-production-calendar";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { listCalendarYear, listCalendarYearInput } from "./list-calendar-year";
import { setCalendarDay } from "./set-calendar-day";

async function seedProductionCalendar() {
  await db.calendarDay.createMany({
    data: RUSSIAN_PRODUCTION_CALENDAR.map((day) => ({ date: new Date(`${day.date}T00:00:00Z`), kind: day.kind, note: day.note })),
  });
}

describe("listCalendarYear", () => {
  it("lists the year's exceptions in date order with the official count of business days", async () => {
    await seedProductionCalendar();
    const actor = actorOf(await createStaff("ADMIN"));
    const year = await listCalendarYear(actor, { year: 2026 });

    expect(year.years).toEqual([2025, 2026, 2027]);
    expect(year.businessDays).toBe(247);
    expect(year.days.map((day) => day.date)).toEqual(RUSSIAN_PRODUCTION_CALENDAR.filter((day) => day.date.startsWith("2026-")).map((day) => day.date));
    expect(year.days.find((day) => day.date === "2026-03-08")).toMatchObject({ month: 3, kind: "HOLIDAY", note: "Международный женский день", onWeekend: true, updatedBy: null });
    expect(year.days.find((day) => day.date === "2026-03-09")).toMatchObject({ month: 3, onWeekend: false });
    expect((await listCalendarYear(actor, { year: 2025 })).workingWeekendDays).toBe(1);
    expect((await listCalendarYear(actor, { year: 2025 })).businessDays).toBe(247);
  });

  it("shows who changed a date; an empty year has only weekends off", async () => {
    const actor = actorOf(await createStaff("ADMIN"));
    await setCalendarDay(actor, { date: "2030-01-01", kind: "HOLIDAY", note: "Новый год" });
    const year = await listCalendarYear(actor, { year: 2030 });
    expect(year.days).toEqual([expect.objectContaining({ date: "2030-01-01", month: 1, updatedBy: actor.name })]);
    expect(year.holidays).toBe(1);
    expect((await listCalendarYear(actor, { year: 2031 })).businessDays).toBe(261);
  });

  it("parses the year from the address and refuses other roles", async () => {
    expect(listCalendarYearInput.parse({ year: "2027" })).toEqual({ year: 2027 });
    expect(listCalendarYearInput.safeParse({ year: "1990" }).error?.issues[0]?.message).toBe("Календарь ведётся с 2020 года.");
    const moderator = actorOf(await createStaff("MODERATOR"));
    await expect(listCalendarYear(wrongRole(moderator), { year: 2026 })).rejects.toThrow(AppError);
  });
});
