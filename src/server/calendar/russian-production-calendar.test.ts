import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isBusinessDay } from "./business-days";
import { RUSSIAN_PRODUCTION_CALENDAR, russianProductionCalendarExceptions } from "./russian-production-calendar";

const MIGRATION = path.resolve(
  import.meta.dirname,
  "../../../prisma/migrations/20261122120000_russian_calendar_2025_2027/migration.sql",
);

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function workingDays(year: number): number {
  const exceptions = russianProductionCalendarExceptions();
  let count = 0;
  for (let day = new Date(Date.UTC(year, 0, 1, 9)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
    if (isBusinessDay(day, exceptions)) count += 1;
  }
  return count;
}

describe("the Russian production calendar data", () => {
  it("has valid, unique, ordered dates", () => {
    const dates = RUSSIAN_PRODUCTION_CALENDAR.map((day) => day.date);
    for (const date of dates) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it("lists every public holiday of the Labour Code art. 112 for each year", () => {
    const holidays = new Set(RUSSIAN_PRODUCTION_CALENDAR.filter((day) => day.kind === "HOLIDAY").map((day) => day.date));
    for (const year of [2025, 2026, 2027]) {
      for (const monthDay of ["01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08", "02-23", "03-08", "05-01", "05-09", "06-12", "11-04"]) {
        expect(holidays, `${year}-${monthDay}`).toContain(`${year}-${monthDay}`);
      }
    }
  });

  it("makes only weekend days working days, and moves days off only onto weekdays", () => {
    for (const day of RUSSIAN_PRODUCTION_CALENDAR) {
      if (day.kind === "WORKING_DAY") expect([0, 6], day.date).toContain(weekday(day.date));
      if (day.note.startsWith("Перенос")) expect([0, 6], day.date).not.toContain(weekday(day.date));
      expect(day.note.trim(), day.date).not.toBe("");
    }
  });

  it("gives the official numbers of working days (247 in 2025 and 2026; 249 in 2027 until its decree)", () => {
    expect(workingDays(2025)).toBe(247);
    expect(workingDays(2026)).toBe(247);
    expect(workingDays(2027)).toBe(249);
  });

  it("matches the rows the migration seeds", () => {
    const sql = readFileSync(MIGRATION, "utf8");
    const tuples = [...sql.matchAll(/^\((.*)\)[,\n]?$/gm)].map((match) => match[1] ?? "");
    const rows = tuples.map((tuple) => {
      const parsed = /^'(\d{4}-\d{2}-\d{2})', '(HOLIDAY|WORKING_DAY)', '((?:[^']|'')*)', CURRENT_TIMESTAMP$/.exec(tuple);
      if (!parsed) throw new Error(`Unexpected row in the migration: ${tuple}`);
      return { date: parsed[1], kind: parsed[2], note: parsed[3]?.replace(/''/g, "'") };
    });
    expect(rows).toEqual(RUSSIAN_PRODUCTION_CALENDAR.map((day) => ({ ...day })));
    expect(sql).toMatch(/INSERT INTO "calendar_days" \("date", "kind", "note", "updated_at"\) VALUES/);
    expect(sql).toMatch(/ON CONFLICT \("date"\) DO NOTHING;/);
  });
});
