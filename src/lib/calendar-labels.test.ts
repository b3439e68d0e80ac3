import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDayMonth, formatWeekdayShort, isWeekendKey, weekdayOf } from "./calendar-labels";

describe("calendar labels", () => {
  it("formats a date key as that calendar date, whatever the process time zone", () => {
    expect(formatDayMonth("2026-05-01")).toBe("1 мая");
    expect(formatCalendarDate("2026-11-21")).toBe("21 ноября 2026 (суббота)");
    expect(formatWeekdayShort("2027-08-18")).toBe("ср");
  });

  it("knows weekends", () => {
    expect(weekdayOf("2026-03-08")).toBe(0);
    expect(isWeekendKey("2026-03-08")).toBe(true);
    expect(isWeekendKey("2026-11-21")).toBe(true);
    expect(isWeekendKey("2026-11-18")).toBe(false);
  });
});
