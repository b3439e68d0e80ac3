import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { addBusinessDays } from "./business-days";
import { calendarExceptions, dueAfterBusinessDays, invalidateCalendarCache } from "./due-dates";
import { RUSSIAN_PRODUCTION_CALENDAR, russianProductionCalendarExceptions } from "./russian-production-calendar";

// Tables are emptied before each test: each test inserts the calendar rows it relies on.
beforeEach(() => invalidateCalendarCache());
afterEach(() => vi.restoreAllMocks());

function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

function day(date: string, kind: "HOLIDAY" | "WORKING_DAY", note?: string) {
  return { date: new Date(`${date}T00:00:00Z`), kind, note: note ?? null };
}

describe("dueAfterBusinessDays", () => {
  it("with no calendar rows counts Monday to Friday only", async () => {
    await expect(dueAfterBusinessDays(msk("2025-12-26T15:00:00"), 5)).resolves.toEqual(msk("2026-01-02T15:00:00"));
  });

  it("skips the New Year holidays stored in calendar_days", async () => {
    await db.calendarDay.createMany({
      data: [
        day("2025-12-31", "HOLIDAY", "Перенос выходного с 5 января"),
        ...["01", "02", "05", "06", "07", "08", "09"].map((d) => day(`2026-01-${d}`, "HOLIDAY")),
      ],
    });
    await expect(dueAfterBusinessDays(msk("2025-12-26T15:00:00"), 5)).resolves.toEqual(msk("2026-01-14T15:00:00"));
  });

  it("counts a transferred working Saturday and skips the moved day off", async () => {
    await db.calendarDay.createMany({
      data: [day("2025-11-01", "WORKING_DAY"), day("2025-11-03", "HOLIDAY"), day("2025-11-04", "HOLIDAY")],
    });
    await expect(dueAfterBusinessDays(msk("2025-10-30T09:00:00"), 5)).resolves.toEqual(msk("2025-11-07T09:00:00"));
    await expect(dueAfterBusinessDays(msk("2025-11-01T12:00:00"), 5)).resolves.toEqual(msk("2025-11-11T12:00:00"));
  });

  it("reads DATE rows back as the same calendar dates (no time-zone shift)", async () => {
    await db.calendarDay.createMany({ data: RUSSIAN_PRODUCTION_CALENDAR.map((entry) => day(entry.date, entry.kind, entry.note)) });
    expect(await calendarExceptions()).toEqual(russianProductionCalendarExceptions());
    const pure = russianProductionCalendarExceptions();
    for (const filed of ["2025-04-30T23:59:00", "2025-12-26T15:00:00", "2026-03-06T08:00:00", "2026-12-25T15:00:00", "2027-06-11T10:00:00"]) {
      await expect(dueAfterBusinessDays(msk(filed), 5)).resolves.toEqual(addBusinessDays(msk(filed), 5, pure));
    }
  });

  it("caches the calendar until invalidated", async () => {
    const filed = msk("2026-11-20T15:00:00");
    await expect(dueAfterBusinessDays(filed, 5)).resolves.toEqual(msk("2026-11-27T15:00:00"));

    await db.calendarDay.create({ data: day("2026-11-23", "HOLIDAY", "Тест") });
    await expect(dueAfterBusinessDays(filed, 5)).resolves.toEqual(msk("2026-11-27T15:00:00"));

    invalidateCalendarCache();
    await expect(dueAfterBusinessDays(filed, 5)).resolves.toEqual(msk("2026-11-30T15:00:00"));
  });

  it("reloads the calendar once the cache is a minute old", async () => {
    const filed = msk("2026-11-20T15:00:00");
    await dueAfterBusinessDays(filed, 5);
    await db.calendarDay.create({ data: day("2026-11-23", "HOLIDAY") });

    const realNow = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(realNow + 59_000);
    await expect(dueAfterBusinessDays(filed, 5)).resolves.toEqual(msk("2026-11-27T15:00:00"));
    vi.spyOn(Date, "now").mockReturnValue(realNow + 61_000);
    await expect(dueAfterBusinessDays(filed, 5)).resolves.toEqual(msk("2026-11-30T15:00:00"));
  });
});

describe("the calendar seeding migration", () => {
  const migration = readFileSync(
    path.resolve(import.meta.dirname, "../../../prisma/migrations/20261122120000_russian_calendar_2025_2027/migration.sql"),
    "utf8",
  );

  it("inserts the production calendar and leaves dates an administrator already set alone", async () => {
    await db.calendarDay.create({ data: day("2026-12-31", "WORKING_DAY", "Решение администратора") });
    await db.$executeRawUnsafe(migration);
    await db.$executeRawUnsafe(migration);

    const rows = await db.calendarDay.findMany({ orderBy: { date: "asc" } });
    expect(rows).toHaveLength(RUSSIAN_PRODUCTION_CALENDAR.length);
    const byDate = new Map(rows.map((row) => [row.date.toISOString().slice(0, 10), row]));
    expect(byDate.get("2026-12-31")).toMatchObject({ kind: "WORKING_DAY", note: "Решение администратора" });
    for (const entry of RUSSIAN_PRODUCTION_CALENDAR.filter((e) => e.date !== "2026-12-31")) {
      expect(byDate.get(entry.date), entry.date).toMatchObject({ kind: entry.kind, note: entry.note, updatedById: null });
    }
  });
});
