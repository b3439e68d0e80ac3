import { describe, expect, it } from "vitest";
import { moscowDateKey } from "@/lib/moscow-time";
import { addBusinessDays, type CalendarExceptions, isBusinessDay, isBusinessDayWith } from "./business-days";
import { russianProductionCalendarExceptions } from "./russian-production-calendar";

const calendar = russianProductionCalendarExceptions();
const none: CalendarExceptions = new Map();

/** An instant given as Moscow wall-clock time. */
function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

describe("isBusinessDayWith", () => {
  it("takes the exception over the weekday", () => {
    expect(isBusinessDayWith("2026-11-18", null)).toBe(true);
    expect(isBusinessDayWith("2026-11-18", "HOLIDAY")).toBe(false);
    expect(isBusinessDayWith("2026-11-21", undefined)).toBe(false);
    expect(isBusinessDayWith("2026-11-21", "WORKING_DAY")).toBe(true);
  });
});

describe("isBusinessDay", () => {
  it.each([
    ["2026-11-18T12:00:00", true, "an ordinary Wednesday"],
    ["2026-11-21T12:00:00", false, "an ordinary Saturday"],
    ["2026-11-22T12:00:00", false, "an ordinary Sunday"],
    ["2025-11-01T12:00:00", true, "the transferred working Saturday of 2025"],
    ["2025-11-03T12:00:00", false, "the Monday the day off moved to"],
    ["2026-01-09T12:00:00", false, "Friday 9 January 2026, moved from 3 January"],
    ["2026-03-09T12:00:00", false, "Monday after 8 March on a Sunday"],
    ["2026-12-31T12:00:00", false, "31 December 2026"],
  ])("%s → %s (%s)", (local, expected) => {
    expect(isBusinessDay(msk(local), calendar)).toBe(expected);
  });

  it("judges by the Moscow date, not the UTC one", () => {
    // 21:30 UTC on Friday 20 November is already Saturday 00:30 in Moscow.
    expect(isBusinessDay(new Date("2026-11-20T21:30:00Z"), none)).toBe(false);
    expect(isBusinessDay(new Date("2026-11-22T21:30:00Z"), none)).toBe(true);
  });
});

describe("addBusinessDays", () => {
  it("counts five business days in an ordinary week, keeping the clock time", () => {
    expect(addBusinessDays(msk("2026-11-16T10:15:00"), 5, calendar)).toEqual(msk("2026-11-23T10:15:00"));
    expect(addBusinessDays(msk("2026-11-20T15:00:00"), 5, calendar)).toEqual(msk("2026-11-27T15:00:00"));
  });

  it("filed on the Friday before the New Year holidays: due on the 5th business day after them", () => {
    // Mon 29 (1), Tue 30 (2), 31 Dec 2025 – 11 Jan 2026 off, Mon 12 (3), Tue 13 (4), Wed 14 (5).
    expect(addBusinessDays(msk("2025-12-26T15:00:00"), 5, calendar)).toEqual(msk("2026-01-14T15:00:00"));
    // Across the next year end too: Mon 28 (1) … Wed 30 (3), 31 Dec 2026 – 10 Jan 2027 off, Mon 11 (4), Tue 12 (5).
    expect(addBusinessDays(msk("2026-12-25T15:00:00"), 5, calendar)).toEqual(msk("2027-01-12T15:00:00"));
  });

  it("filed during the holidays: counting starts at the first business day", () => {
    expect(addBusinessDays(msk("2026-01-03T11:00:00"), 5, calendar)).toEqual(msk("2026-01-16T11:00:00"));
  });

  it("filed on a Saturday: Monday is day 1", () => {
    expect(addBusinessDays(msk("2026-11-21T10:00:00"), 5, calendar)).toEqual(msk("2026-11-27T10:00:00"));
  });

  it("filed on a transferred working Saturday: the next days off are skipped", () => {
    // Sun 2, Mon 3 (moved day off), Tue 4 (holiday); Wed 5 (1) … Tue 11 (5).
    expect(addBusinessDays(msk("2025-11-01T12:00:00"), 5, calendar)).toEqual(msk("2025-11-11T12:00:00"));
  });

  it("counts a transferred working Saturday as a business day", () => {
    // Fri 31 Oct (1), Sat 1 Nov working (2), Wed 5 (3), Thu 6 (4), Fri 7 (5).
    expect(addBusinessDays(msk("2025-10-30T09:00:00"), 5, calendar)).toEqual(msk("2025-11-07T09:00:00"));
    expect(addBusinessDays(msk("2025-10-30T09:00:00"), 5, none)).toEqual(msk("2025-11-06T09:00:00"));
  });

  it("crosses a month end with the May holidays", () => {
    // Fri 1 May off, weekend, Mon 4 (1) … Fri 8 (5).
    expect(addBusinessDays(msk("2026-04-30T18:00:00"), 5, calendar)).toEqual(msk("2026-05-08T18:00:00"));
    // Fri 8 May 2026 (1), Sat 9 – Mon 11 off, Tue 12 (2) … Fri 15 (5).
    expect(addBusinessDays(msk("2026-05-07T18:00:00"), 5, calendar)).toEqual(msk("2026-05-15T18:00:00"));
  });

  it("uses the Moscow date of a late-evening UTC instant", () => {
    // Saturday 00:30 in Moscow (still Friday in UTC): Monday is day 1, due Friday 00:30 Moscow.
    expect(addBusinessDays(new Date("2026-11-20T21:30:00Z"), 5, none)).toEqual(new Date("2026-11-26T21:30:00Z"));
  });

  it("keeps seconds and milliseconds", () => {
    expect(addBusinessDays(new Date("2026-11-16T07:08:09.123Z"), 1, none)).toEqual(new Date("2026-11-17T07:08:09.123Z"));
  });

  it("returns the start itself for zero days", () => {
    const start = msk("2026-11-21T10:00:00");
    expect(addBusinessDays(start, 0, calendar)).toEqual(start);
    expect(addBusinessDays(start, 0, calendar)).not.toBe(start);
  });

  it("refuses negative, fractional and non-finite day counts", () => {
    for (const days of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessDays(msk("2026-11-16T10:00:00"), days, calendar)).toThrow(RangeError);
    }
  });

  it("stops instead of looping forever when the exceptions leave no business days", () => {
    const everyDayOff = new Map<string, "HOLIDAY">();
    for (let day = 0; day < 4000; day += 1) everyDayOff.set(moscowDateKey(new Date(Date.UTC(2026, 0, 1 + day, 12))), "HOLIDAY");
    expect(() => addBusinessDays(msk("2026-01-01T10:00:00"), 1, everyDayOff)).toThrow(/No 1 business days/);
  });
});
