import { describe, expect, it } from "vitest";
import { FIRST_FORFEITURE_WARNING_DAYS, FORFEITURE_WARNING_DAYS, LAST_FORFEITURE_WARNING_DAYS } from "./forfeiture-warnings";
import { orderNeedsSpendConfirmation } from "./prize-order";
import { PROGRAMME_SETTING_LIMITS, PROGRAMME_SETTING_RANGE_MESSAGE } from "./programme-settings-limits";
import { SIGN_IN_CODE, SIGN_IN_CODE_FORMAT_MESSAGE, SIGN_IN_CODE_PATTERN, isSignInCodeShape } from "./sign-in-code";
import { STAFF_INVITE_DAYS, STAFF_INVITE_LIFETIME_TEXT } from "./staff-invite";
import { LOW_STOCK_THRESHOLD, isLowStock, stockTone } from "./stock";

describe("low stock", () => {
  it("is at most the threshold left; none left is sold out", () => {
    expect(isLowStock(LOW_STOCK_THRESHOLD)).toBe(true);
    expect(isLowStock(LOW_STOCK_THRESHOLD + 1)).toBe(false);
    expect(stockTone(0)).toBe("danger");
    expect(stockTone(1)).toBe("warning");
    expect(stockTone(LOW_STOCK_THRESHOLD)).toBe("warning");
    expect(stockTone(LOW_STOCK_THRESHOLD + 1)).toBe("success");
  });
});

describe("programme setting limits", () => {
  it.each(Object.entries(PROGRAMME_SETTING_LIMITS))("%s: a whole-number range holding its default", (_setting, limit) => {
    expect(Number.isInteger(limit.min) && Number.isInteger(limit.max) && Number.isInteger(limit.default)).toBe(true);
    expect(limit.min).toBeLessThanOrEqual(limit.default);
    expect(limit.default).toBeLessThanOrEqual(limit.max);
  });

  it("quotes each range in its message, digits grouped as typed", () => {
    expect(PROGRAMME_SETTING_RANGE_MESSAGE.reviewPoints).toBe("Баллы за отзыв — целое число от 1 до 100 000.");
    expect(PROGRAMME_SETTING_RANGE_MESSAGE.moderationBusinessDays).toBe("Срок проверки — целое число рабочих дней от 1 до 60.");
    expect(PROGRAMME_SETTING_RANGE_MESSAGE.smsPerHourCap).toBe("Предел SMS в час — целое число от 10 до 100 000.");
  });
});

describe("sign-in code", () => {
  it("takes exactly its digits", () => {
    expect(isSignInCodeShape("0".repeat(SIGN_IN_CODE.digits))).toBe(true);
    expect(isSignInCodeShape("1".repeat(SIGN_IN_CODE.digits - 1))).toBe(false);
    expect(isSignInCodeShape("1".repeat(SIGN_IN_CODE.digits + 1))).toBe(false);
    expect(isSignInCodeShape("12a456")).toBe(false);
    expect(isSignInCodeShape("")).toBe(false);
    expect(SIGN_IN_CODE_PATTERN).toBe("\\d{6}");
    expect(SIGN_IN_CODE_FORMAT_MESSAGE).toBe("Код — это 6 цифр из SMS.");
  });

  it("lives longer than the wait before another may be sent", () => {
    expect(SIGN_IN_CODE.ttlSeconds).toBeGreaterThan(SIGN_IN_CODE.resendAfterSeconds);
  });
});

describe("staff invite", () => {
  it("says how long the link works", () => {
    expect(STAFF_INVITE_LIFETIME_TEXT).toBe(`${STAFF_INVITE_DAYS} дней`);
  });
});

describe("forfeiture warnings", () => {
  it("names the first and the last lead time", () => {
    expect(FIRST_FORFEITURE_WARNING_DAYS).toBe(FORFEITURE_WARNING_DAYS[0]);
    expect(LAST_FORFEITURE_WARNING_DAYS).toBe(FORFEITURE_WARNING_DAYS.at(-1));
    expect(FIRST_FORFEITURE_WARNING_DAYS).toBeGreaterThan(LAST_FORFEITURE_WARNING_DAYS);
  });
});

describe("spend confirmation", () => {
  it("asks when an order spends more than half of the balance, not at half or less", () => {
    expect(orderNeedsSpendConfirmation(500, 600)).toBe(true);
    expect(orderNeedsSpendConfirmation(301, 600)).toBe(true);
    expect(orderNeedsSpendConfirmation(300, 600)).toBe(false);
    expect(orderNeedsSpendConfirmation(100, 600)).toBe(false);
    expect(orderNeedsSpendConfirmation(600, 600)).toBe(true);
  });
});
