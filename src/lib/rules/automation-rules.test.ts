import { describe, expect, it } from "vitest";
import { AUTOMATION_RULES, AUTOMATION_SWITCHES_OFF, type AutomationSwitches, type ReceiptFacts, evaluateReceiptRules } from "./automation-rules";

const ALL_ON = Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, true])) as AutomationSwitches;
const genuine: ReceiptFacts = {
  operationType: 1,
  purchasedAt: new Date("2026-11-05T11:32:00Z"),
  fiscalKey: "7380440801234567|40217|2987654321",
  creditedElsewhere: false,
  checkStatus: "CONFIRMED",
  product: { verdict: "SELECTED_PRODUCT", certain: true },
  campaignStartsAt: new Date("2026-11-01T00:00:00Z"),
  campaignEndsAt: new Date("2026-12-31T00:00:00Z"),
};

describe("the automatic receipt rules", () => {
  it("approve a confirmed sale inside the window with the request's product, once switched on", () => {
    expect(evaluateReceiptRules(genuine, ALL_ON)).toEqual({ rule: "receipt.approve", decision: "APPROVE" });
    expect(evaluateReceiptRules(genuine, AUTOMATION_SWITCHES_OFF)).toBeNull();
    expect(evaluateReceiptRules(genuine, { ...AUTOMATION_SWITCHES_OFF, "receipt.approve": true })).toEqual({ rule: "receipt.approve", decision: "APPROVE" });
  });

  it("leave to a person what is not certain: another product, a tied line, a check still running or not confirmed", () => {
    expect(evaluateReceiptRules({ ...genuine, product: { verdict: "OTHER_BRAND_PRODUCT", certain: true } }, ALL_ON)).toBeNull();
    expect(evaluateReceiptRules({ ...genuine, product: { verdict: "SELECTED_PRODUCT", certain: false } }, ALL_ON)).toBeNull();
    expect(evaluateReceiptRules({ ...genuine, checkStatus: "CHECKING" }, ALL_ON)).toBeNull();
    expect(evaluateReceiptRules({ ...genuine, checkStatus: "NOT_FOUND", product: null }, ALL_ON)).toBeNull();
    expect(evaluateReceiptRules({ ...genuine, fiscalKey: null }, ALL_ON)).toBeNull();
    // No term fits, but a line has the brand's word ("CARELY КРЕМ"): not refused as "no brand product".
    expect(evaluateReceiptRules({ ...genuine, product: { verdict: "NO_BRAND_PRODUCT", certain: false } }, ALL_ON)).toBeNull();
  });

  it("reject refunds and expenses, dates outside the window, repeats and receipts without the brand, each by its own switch", () => {
    const cases: [Partial<ReceiptFacts>, string][] = [
      [{ operationType: 2 }, "receipt.reject-operation"],
      [{ operationType: 3, checkStatus: "NOT_CHECKED", product: null }, "receipt.reject-operation"],
      [{ purchasedAt: new Date("2026-10-31T23:00:00Z") }, "receipt.reject-outside-window"],
      [{ purchasedAt: new Date("2027-01-02T00:00:00Z") }, "receipt.reject-outside-window"],
      [{ creditedElsewhere: true }, "receipt.reject-credited"],
      [{ product: { verdict: "NO_BRAND_PRODUCT", certain: true } }, "receipt.reject-no-brand-product"],
    ];
    for (const [change, rule] of cases) {
      expect(evaluateReceiptRules({ ...genuine, ...change }, ALL_ON)).toEqual({ rule, decision: "REJECT" });
      // Its switch off: nothing else decides it (a refund is never approved because the refund rule is off).
      expect(evaluateReceiptRules({ ...genuine, ...change }, { ...ALL_ON, [rule]: false })).toBeNull();
    }
  });

  it("take an open-ended window as no limit", () => {
    expect(evaluateReceiptRules({ ...genuine, purchasedAt: new Date("2020-01-01T00:00:00Z"), campaignStartsAt: null, campaignEndsAt: null }, ALL_ON)).toEqual({ rule: "receipt.approve", decision: "APPROVE" });
  });
});
