import { describe, expect, it } from "vitest";
import { DAY_MS, addMoscowMonths } from "@/lib/moscow-time";
import { daysLeft, dueClockBound, forfeitureDate, warningDaysDue } from "./forfeiture-date";

const msk = (local: string) => new Date(`${local}+03:00`);

describe("forfeiture date", () => {
  it("is the clock plus the months on the Moscow wall clock, at the same time of day", () => {
    expect(forfeitureDate(msk("2026-01-15T14:37:12.345"), 6)).toEqual(msk("2026-07-15T14:37:12.345"));
    expect(forfeitureDate(msk("2026-09-10T09:00:00.000"), 6)).toEqual(msk("2027-03-10T09:00:00.000"));
  });

  it("clamps to the last day of a shorter month, as PostgreSQL does", () => {
    expect(forfeitureDate(msk("2026-08-31T10:00:00.000"), 6)).toEqual(msk("2027-02-28T10:00:00.000"));
    expect(forfeitureDate(msk("2027-08-30T10:00:00.000"), 6)).toEqual(msk("2028-02-29T10:00:00.000"));
    expect(forfeitureDate(msk("2026-12-31T23:59:59.999"), 6)).toEqual(msk("2027-06-30T23:59:59.999"));
  });

  it("counts months by the Moscow date, not the UTC date", () => {
    // 22:00 UTC on 30 August is already 31 August in Moscow: the end of February, not 28 February 22:00 UTC.
    expect(forfeitureDate(new Date("2026-08-30T22:00:00.000Z"), 6)).toEqual(new Date("2027-02-27T22:00:00.000Z"));
  });
});

describe("due clock bound", () => {
  it("never excludes a due clock, whatever the month lengths (every 7 hours over three years)", () => {
    for (const months of [1, 6, 12, 13]) {
      for (let time = msk("2026-01-01T00:00:00.000").getTime(); time < msk("2029-01-01T00:00:00.000").getTime(); time += 7 * 60 * 60 * 1000) {
        const at = new Date(time);
        const bound = dueClockBound(at, months);
        // Forfeiture dates only grow with the clock, so the first clock past the bound is the one to check.
        expect(forfeitureDate(new Date(bound.getTime() + 1), months).getTime()).toBeGreaterThan(at.getTime());
        // And the bound stays within the clamping margin of the plain answer.
        expect(bound.getTime() - addMoscowMonths(at, -months).getTime()).toBe(3 * DAY_MS);
      }
    }
  });

  it("lets the end-of-month clocks through on the clamped day", () => {
    const at = msk("2027-02-28T10:00:00.000");
    for (const clock of ["2026-08-28T10:00:00.000", "2026-08-29T10:00:00.000", "2026-08-31T10:00:00.000"]) {
      expect(forfeitureDate(msk(clock), 6).getTime()).toBeLessThanOrEqual(at.getTime());
      expect(msk(clock).getTime()).toBeLessThanOrEqual(dueClockBound(at, 6).getTime());
    }
  });
});

describe("warnings", () => {
  const forfeitAt = msk("2026-07-15T12:00:00.000");
  const before = (days: number, extraMs = 0) => new Date(forfeitAt.getTime() - days * DAY_MS + extraMs);

  it("warns 30 days before, then 7 days before, then not once the date has passed", () => {
    expect(warningDaysDue(forfeitAt, before(31))).toBeNull();
    expect(warningDaysDue(forfeitAt, before(30, -1))).toBeNull();
    expect(warningDaysDue(forfeitAt, before(30))).toBe(30);
    expect(warningDaysDue(forfeitAt, before(8))).toBe(30);
    expect(warningDaysDue(forfeitAt, before(7, -1))).toBe(30);
    expect(warningDaysDue(forfeitAt, before(7))).toBe(7);
    expect(warningDaysDue(forfeitAt, before(0, -1))).toBe(7);
    expect(warningDaysDue(forfeitAt, forfeitAt)).toBeNull();
  });

  it("counts whole days left, rounding up", () => {
    expect(daysLeft(forfeitAt, before(30))).toBe(30);
    expect(daysLeft(forfeitAt, before(6, 60 * 60 * 1000))).toBe(6);
    expect(daysLeft(forfeitAt, before(0, -1))).toBe(1);
    expect(daysLeft(forfeitAt, before(-2))).toBe(0);
  });
});
