import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  addDays,
  addMoscowMonths,
  atMoscowTime,
  daysBetween,
  endOfMoscowDay,
  fromMoscowWallClock,
  isDateKey,
  isWeekend,
  moscowDateKey,
  moscowWallClock,
  startOfMoscowDay,
  weekdayOf,
} from "./moscow-time";

// The oracle: an instant given as Moscow wall-clock time, spelled out with its offset.
const msk = (local: string) => new Date(`${local}+03:00`);

describe("isDateKey", () => {
  it.each(["2026-01-01", "2026-12-31", "2028-02-29", "2000-02-29", "2026-02-28"])("accepts %s", (key) => {
    expect(isDateKey(key)).toBe(true);
  });

  it.each([
    ["2026-02-29", "29 February of a common year"],
    ["1900-02-29", "29 February of a century that is not a leap year"],
    ["2026-02-30", "30 February"],
    ["2026-04-31", "31 April"],
    ["2026-13-01", "month 13"],
    ["2026-00-10", "month 0"],
    ["2026-01-00", "day 0"],
    ["2026-01-32", "day 32"],
    ["", "empty"],
    ["garbage", "garbage"],
    ["2026-1-05", "a one-digit month"],
    ["2026-01-05T00:00", "a date with a time"],
    [" 2026-01-05", "surrounding spaces"],
    ["05.01.2026", "the Russian spelling"],
  ])("refuses %j (%s)", (key) => {
    expect(isDateKey(key)).toBe(false);
  });
});

describe("date keys", () => {
  it("adds and counts calendar days across month, year and leap-day ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-10", "2026-03-01")).toBe(-9);
  });

  it("knows the weekday", () => {
    expect(weekdayOf("2026-11-22")).toBe(0);
    expect(weekdayOf("2026-11-16")).toBe(1);
    expect(isWeekend("2026-11-21")).toBe(true);
    expect(isWeekend("2026-11-20")).toBe(false);
    expect(weekdayOf("2026-03-08")).toBe(0);
    expect(isWeekend("2026-03-08")).toBe(true);
    expect(isWeekend("2026-11-18")).toBe(false);
  });
});

describe("the Moscow wall clock", () => {
  it("gives the Moscow calendar date, which is ahead of UTC in the evening", () => {
    expect(moscowDateKey(new Date("2026-12-31T20:59:59Z"))).toBe("2026-12-31");
    expect(moscowDateKey(new Date("2026-12-31T21:00:00Z"))).toBe("2027-01-01");
    expect(moscowDateKey(msk("2026-03-01T00:00:00"))).toBe("2026-03-01");
  });

  it("refuses an invalid date", () => {
    expect(() => moscowDateKey(new Date("nope"))).toThrow(RangeError);
    expect(() => moscowWallClock(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("reads and writes the wall clock", () => {
    const at = msk("2026-05-01T10:15:00");
    expect(new Date(moscowWallClock(at)).toISOString()).toBe("2026-05-01T10:15:00.000Z");
    expect(fromMoscowWallClock(moscowWallClock(at))).toEqual(at);
  });

  it("bounds a Moscow day", () => {
    expect(startOfMoscowDay("2026-03-01")).toEqual(msk("2026-03-01T00:00:00"));
    expect(endOfMoscowDay("2026-03-01")).toEqual(msk("2026-03-01T23:59:59.999"));
    expect(endOfMoscowDay("2026-03-01").getTime() + 1).toBe(startOfMoscowDay("2026-03-02").getTime());
    expect(startOfMoscowDay("2026-03-02").getTime() - startOfMoscowDay("2026-03-01").getTime()).toBe(DAY_MS);
    expect(atMoscowTime("2026-03-01", "12:00:00")).toEqual(msk("2026-03-01T12:00:00"));
    expect(Number.isNaN(startOfMoscowDay("2026-13-01").getTime())).toBe(true);
  });
});

describe("addMoscowMonths", () => {
  it("keeps the Moscow clock time", () => {
    expect(addMoscowMonths(msk("2026-01-15T14:37:12.345"), 6)).toEqual(msk("2026-07-15T14:37:12.345"));
  });

  it("clamps to the last day of a shorter month, as PostgreSQL does", () => {
    expect(addMoscowMonths(msk("2026-08-31T10:00:00.000"), 6)).toEqual(msk("2027-02-28T10:00:00.000"));
    expect(addMoscowMonths(msk("2027-08-30T10:00:00.000"), 6)).toEqual(msk("2028-02-29T10:00:00.000"));
  });

  it("counts months by the Moscow date, not the UTC date", () => {
    // 22:00 UTC on 30 August is already 31 August in Moscow: the end of February, not 28 February 22:00 UTC.
    expect(addMoscowMonths(new Date("2026-08-30T22:00:00.000Z"), 6)).toEqual(new Date("2027-02-27T22:00:00.000Z"));
  });

  it("moves back by months for negative counts", () => {
    expect(addMoscowMonths(msk("2027-02-28T10:00:00.000"), -6)).toEqual(msk("2026-08-28T10:00:00.000"));
    expect(addMoscowMonths(msk("2026-03-31T00:00:00.000"), -1)).toEqual(msk("2026-02-28T00:00:00.000"));
  });

  it("refuses fractional months and invalid dates", () => {
    expect(() => addMoscowMonths(new Date(), 1.5)).toThrow(RangeError);
    expect(() => addMoscowMonths(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});
