import { describe, expect, it } from "vitest";
import { campaignText, forfeitureWarningsText, monthsText, pointsText, upToScreenshotsText } from "./landing-rules-text";

describe("the landing page's rule sentences", () => {
  it("puts numbers in the right case", () => {
    expect(pointsText(1)).toBe("1 балл");
    expect(pointsText(2)).toBe("2 балла");
    expect(pointsText(500)).toBe("500 баллов");
    expect(monthsText(1)).toBe("1 месяц");
    expect(monthsText(3)).toBe("3 месяца");
    expect(monthsText(6)).toBe("6 месяцев");
    expect(upToScreenshotsText(1)).toBe("до 1 скриншота");
    expect(upToScreenshotsText(5)).toBe("до 5 скриншотов");
    expect(forfeitureWarningsText()).toBe("за 30 и 7 дней");
  });

  it("names the campaign window only when one is set", () => {
    expect(campaignText({ campaignStartsAt: null, campaignEndsAt: null })).toBeNull();
    expect(campaignText({ campaignStartsAt: new Date("2026-11-30T21:00:00Z"), campaignEndsAt: new Date("2027-02-28T20:59:59Z") })).toBe(
      "Акция идёт с 01.12.2026 по 28.02.2027 включительно: баллы за чек — за покупки в эти дни.",
    );
  });
});
