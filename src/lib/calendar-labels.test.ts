import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDayMonth, formatWeekdayShort } from "./calendar-labels";

describe("calendar labels", () => {
  it("formats a date key as that calendar date, whatever the process time zone", () => {
    expect(formatDayMonth("2026-05-01")).toBe("1 мая");
    expect(formatCalendarDate("2026-11-21")).toBe("21 ноября 2026 (суббота)");
    expect(formatWeekdayShort("2027-08-18")).toBe("ср");
  });
});
