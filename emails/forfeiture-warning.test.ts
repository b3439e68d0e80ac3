import { describe, expect, it } from "vitest";
import { forfeitureWarningSubject, renderForfeitureWarningEmail } from "./forfeiture-warning";

const base = {
  forfeitAt: new Date("2026-06-15T21:30:00Z"), // 16 June, 00:30 in Moscow
  months: 6,
  prizesUrl: "https://portal.example/cabinet/prizes",
  cabinetUrl: "https://portal.example/cabinet",
};

describe("forfeiture warning email", () => {
  it("says how many points go and when (Moscow date), and links the prize catalogue", async () => {
    const email = await renderForfeitureWarningEmail({ ...base, points: 1500, daysBefore: 30 });
    expect(email.subject).toBe("1\u00a0500 баллов сгорят 16.06.2026 — выберите приз");
    expect(email.html).toContain('lang="ru"');
    expect(email.html).toContain('href="https://portal.example/cabinet/prizes"');
    expect(email.text).toContain("Баллы скоро сгорят");
    expect(email.text).toContain("1\u00a0500 баллов сгорят");
    expect(email.text).toContain("16.06.2026, если не оформить заказ приза");
    expect(email.text).toContain("если 6 месяцев не оформлять заказ приза");
    expect(email.text).toContain("https://portal.example/cabinet/prizes");
    expect(email.text).toContain("для уведомлений в личном кабинете");
  });

  it("agrees the number with the noun and the verb, and says the last week is left", async () => {
    expect(forfeitureWarningSubject({ points: 21, forfeitAt: base.forfeitAt })).toBe("21 балл сгорит 16.06.2026 — выберите приз");
    expect(forfeitureWarningSubject({ points: 3, forfeitAt: base.forfeitAt })).toBe("3 балла сгорят 16.06.2026 — выберите приз");
    const email = await renderForfeitureWarningEmail({ ...base, points: 100, daysBefore: 7 });
    expect(email.text).toContain("Осталась неделя");
    expect(email.text).toContain("100 баллов сгорят");
  });
});
