import { describe, expect, it } from "vitest";
import { businessDaysAccusative, businessDaysText, calendarDaysAccusative, calendarDaysText, formatDate, formatDateTime, formatPoints, formatSignedPoints, groupDigits } from "./format";

describe("format", () => {
  it("groups points the Russian way and signs them", () => {
    expect(formatPoints(12500)).toBe("12\u00a0500");
    expect(formatSignedPoints(500)).toBe("+500");
    expect(formatSignedPoints(-1200)).toBe("−1\u00a0200");
    expect(formatSignedPoints(0)).toBe("0");
  });

  it("groups digits by an ordinary space for messages", () => {
    expect([5, 999, 1000, 100_000, 1_234_567].map(groupDigits)).toEqual(["5", "999", "1 000", "100 000", "1 234 567"]);
  });

  it("shows Moscow time whatever the server's zone", () => {
    // 21:30 UTC on 31 Dec is already 1 Jan 00:30 in Moscow.
    expect(formatDateTime(new Date("2025-12-31T21:30:00Z"))).toBe("01.01.2026, 00:30");
    expect(formatDate(new Date("2025-12-31T21:30:00Z"))).toBe("01.01.2026");
  });
});

describe("day counts in Russian", () => {
  it("puts business and calendar days in the genitive after «в течение»", () => {
    expect([1, 2, 5, 11, 21].map(businessDaysText)).toEqual(["1 рабочего дня", "2 рабочих дней", "5 рабочих дней", "11 рабочих дней", "21 рабочего дня"]);
    expect([1, 30, 31].map(calendarDaysText)).toEqual(["1 дня", "30 дней", "31 дня"]);
    expect([1, 3, 5, 21, 22].map((days) => businessDaysAccusative(days))).toEqual(["1 рабочий день", "3 рабочих дня", "5 рабочих дней", "21 рабочий день", "22 рабочих дня"]);
    expect([1, 2, 30, 31].map((days) => calendarDaysAccusative(days))).toEqual(["1 день", "2 дня", "30 дней", "31 день"]);
  });
});
