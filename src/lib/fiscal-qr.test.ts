import { describe, expect, it } from "vitest";
import { type FiscalReceiptFields, checkReceiptRules, fiscalKey, parseFiscalQr } from "./fiscal-qr";

const SALE = "t=20250301T171426&s=251.54&fn=9287440221517936&i=243576&fp=1880978425&n=1";

/** An instant given as Moscow wall-clock time. */
function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

function parsed(text: string): FiscalReceiptFields {
  const result = parseFiscalQr(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.fields;
}

function problem(text: string): string {
  const result = parseFiscalQr(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.problem;
}

/** SALE with one parameter replaced (or removed, with `null`). */
function withParam(key: string, value: string | null): string {
  const parts = SALE.split("&").filter((part) => !part.startsWith(`${key}=`));
  return (value === null ? parts : [...parts, `${key}=${value}`]).join("&");
}

describe("parseFiscalQr", () => {
  it("reads every field of a sale receipt", () => {
    expect(parseFiscalQr(SALE)).toEqual({
      ok: true,
      fields: {
        purchasedAt: msk("2025-03-01T17:14:26"),
        totalKopecks: 25154,
        fiscalDriveNumber: "9287440221517936",
        fiscalDocumentNumber: "243576",
        fiscalSign: "1880978425",
        operationType: 1,
      },
    });
  });

  it("reads `t` as Moscow time, with or without seconds", () => {
    expect(parsed(withParam("t", "20230122T1858")).purchasedAt).toEqual(new Date("2023-01-22T15:58:00Z"));
    expect(parsed(withParam("t", "20241231T235959")).purchasedAt).toEqual(new Date("2024-12-31T20:59:59Z"));
    // Just after midnight in Moscow is still the previous day in UTC.
    expect(parsed(withParam("t", "20250101T0030")).purchasedAt).toEqual(new Date("2024-12-31T21:30:00Z"));
  });

  it.each([
    ["1413", 141300],
    ["16.5", 1650],
    ["16.00", 1600],
    ["0.01", 1],
    ["19.99", 1999],
    ["1.10", 110],
    ["27829.82", 2782982],
    // Classic floating-point traps: 0.29 * 100 = 28.999…, 1.15 * 100 = 114.999…
    ["0.29", 29],
    ["1.15", 115],
    ["4.35", 435],
    ["99999999.99", 9999999999],
    ["0", 0],
  ])("converts s=%s to %i kopecks exactly", (s, kopecks) => {
    expect(parsed(withParam("s", s)).totalKopecks).toBe(kopecks);
  });

  it("takes the fields in any order and the keys in any case", () => {
    const shuffled = "FP=1880978425&n=1&I=243576&T=20250301T171426&Fn=9287440221517936&S=251.54";
    expect(parsed(shuffled)).toEqual(parsed(SALE));
  });

  it("tolerates surrounding whitespace, empty parameters and unknown keys", () => {
    expect(parsed(` ${SALE}\n`)).toEqual(parsed(SALE));
    expect(parsed(`${SALE}&`)).toEqual(parsed(SALE));
    expect(parsed(`${SALE}&&x=1`)).toEqual(parsed(SALE));
  });

  it("drops leading zeros of the document number and fiscal sign", () => {
    const fields = parsed(withParam("fp", "0012345678").replace("i=243576", "i=000077"));
    expect(fields.fiscalSign).toBe("12345678");
    expect(fields.fiscalDocumentNumber).toBe("77");
  });

  it.each([1, 2, 3, 4])("accepts operation type n=%i", (n) => {
    expect(parsed(withParam("n", String(n))).operationType).toBe(n);
  });

  it.each([
    ["a link", "https://shop.example.ru/promo/"],
    ["a link carrying receipt parameters", `https://check.ofd.ru/rec?${SALE}`],
    ["a www address", "www.example.ru"],
    ["a Wi-Fi code", "WIFI:T:WPA;S:Shop_Guest;P:12345678;;"],
    ["fn, i and fp without keys", "7380440700076549 41237 2981623349"],
    ["a product code", "0104600266011725215!ZqGk"],
    ["an unrelated query string", "i=5&n=2"],
    ["an empty text", ""],
  ])("says %s is not a fiscal receipt", (_label, text) => {
    const result = parseFiscalQr(text);
    expect(result).toMatchObject({ ok: false, problem: "NOT_FISCAL" });
    expect(result.ok ? "" : result.message).toMatch(/не с кассового чека/);
  });

  it.each([
    ["a missing fiscal sign", withParam("fp", null)],
    ["only two keys", "t=20250301T1714&s=10.00"],
    ["a repeated key", `${SALE}&s=1.00`],
    ["a date without T", withParam("t", "20250301171426")],
    ["a 13th month", withParam("t", "20251301T1200")],
    ["30 February", withParam("t", "20240230T1200")],
    ["29 February of a common year", withParam("t", "20250229T1200")],
    ["hour 24", withParam("t", "20250301T2400")],
    ["minute 60", withParam("t", "20250301T1260")],
    ["second 60", withParam("t", "20250301T125960")],
    ["a 2-digit year", withParam("t", "250301T1200")],
    ["a year before fiscal drives", withParam("t", "19990301T1200")],
    ["three decimals in the sum", withParam("s", "16.005")],
    ["a decimal comma", withParam("s", "16,50")],
    ["a trailing dot", withParam("s", "16.")],
    ["no roubles", withParam("s", ".50")],
    ["a negative sum", withParam("s", "-16.00")],
    ["a sum in words", withParam("s", "abc")],
    ["an empty sum", withParam("s", "")],
    ["a 15-digit fn", withParam("fn", "928744022151793")],
    ["a 17-digit fn", withParam("fn", "92874402215179360")],
    ["letters in fn", withParam("fn", "92874402215179AB")],
    ["document number 0", withParam("i", "0")],
    ["an 11-digit document number", withParam("i", "12345678901")],
    ["an 11-digit fiscal sign", withParam("fp", "12345678901")],
    ["a negative fiscal sign", withParam("fp", "-1")],
    ["operation type 0", withParam("n", "0")],
    ["operation type 5", withParam("n", "5")],
    ["operation type 'sale'", withParam("n", "sale")],
  ])("says a receipt code with %s is malformed", (_label, text) => {
    expect(problem(text)).toBe("MALFORMED");
  });

  it("explains in Russian what is wrong with a malformed code", () => {
    const result = parseFiscalQr(withParam("s", "abc"));
    expect(result.ok ? "" : result.message).toMatch(/неверная сумма/);
    const missing = parseFiscalQr(withParam("fp", null));
    expect(missing.ok ? "" : missing.message).toMatch(/нет фискального признака/);
  });
});

describe("fiscalKey", () => {
  it("joins fn, i and fp", () => {
    expect(fiscalKey(parsed(SALE))).toBe("9287440221517936|243576|1880978425");
  });

  it("gives the same key for the same receipt however its numbers are written", () => {
    const padded = { fiscalDriveNumber: "9287440221517936", fiscalDocumentNumber: "000243576", fiscalSign: "01880978425" };
    expect(fiscalKey(padded)).toBe(fiscalKey(parsed(SALE)));
    expect(fiscalKey({ ...padded, fiscalSign: " 1880978425 " })).toBe(fiscalKey(parsed(SALE)));
    // Two photos of one receipt whose printer zero-pads the numbers in the QR code.
    const plain = withParam("fp", "12345").replace("i=243576", "i=77");
    const zeroPadded = withParam("fp", "0000012345").replace("i=243576", "i=0000000077");
    expect(fiscalKey(parsed(zeroPadded))).toBe(fiscalKey(parsed(plain)));
  });

  it("keeps a zero fiscal sign as one zero", () => {
    expect(fiscalKey({ fiscalDriveNumber: "9287440221517936", fiscalDocumentNumber: "1", fiscalSign: "0000" })).toBe("9287440221517936|1|0");
  });

  it("tells different receipts apart", () => {
    const other = parsed(withParam("i", "243577"));
    expect(fiscalKey(other)).not.toBe(fiscalKey(parsed(SALE)));
  });
});

describe("checkReceiptRules", () => {
  const sale = parsed(SALE); // 01.03.2025 17:14:26 Moscow time, 251.54 roubles
  type Context = Parameters<typeof checkReceiptRules>[1];
  const open: Context = { now: msk("2025-03-10T12:00:00"), campaignStartsAt: null, campaignEndsAt: null };
  const codes = (fields: FiscalReceiptFields, context: Context = open) => checkReceiptRules(fields, context).map((violation) => violation.code);

  it("accepts a past sale when there is no campaign window", () => {
    expect(checkReceiptRules(sale, open)).toEqual([]);
  });

  it("refuses an expense receipt (n=3): the shop paid out, nobody bought anything", () => {
    expect(codes({ ...sale, operationType: 3 })).toEqual(["NOT_A_SALE"]);
  });

  it.each([2, 4])("refuses a refund (n=%i)", (operationType) => {
    const violations = checkReceiptRules({ ...sale, operationType }, open);
    expect(violations).toEqual([{ code: "REFUND", message: expect.stringMatching(/возврат/) }]);
  });

  it("refuses a zero sum", () => {
    expect(checkReceiptRules({ ...sale, totalKopecks: 0 }, open)).toEqual([{ code: "ZERO_SUM", message: expect.stringMatching(/нулевая/) }]);
  });

  it("refuses a purchase in the future, but forgives a few minutes of clock skew", () => {
    const now = sale.purchasedAt;
    expect(codes(sale, { ...open, now: new Date(now.getTime() - 5 * 60_000) })).toEqual([]);
    const future = checkReceiptRules(sale, { ...open, now: new Date(now.getTime() - 60 * 60_000) });
    expect(future).toEqual([{ code: "FUTURE_DATE", message: expect.stringContaining("01.03.2025") }]);
  });

  it("does not also call a future purchase 'outside the campaign'", () => {
    const context = { now: msk("2025-02-01T00:00:00"), campaignStartsAt: msk("2025-01-01T00:00:00"), campaignEndsAt: msk("2025-02-01T00:00:00") };
    expect(codes(sale, context)).toEqual(["FUTURE_DATE"]);
  });

  it("checks the campaign window, bounds included", () => {
    const window = { ...open, campaignStartsAt: msk("2025-03-01T00:00:00"), campaignEndsAt: msk("2025-03-31T23:59:59") };
    expect(codes(sale, window)).toEqual([]);
    expect(codes({ ...sale, purchasedAt: window.campaignStartsAt }, window)).toEqual([]);
    expect(codes({ ...sale, purchasedAt: window.campaignEndsAt }, { ...window, now: msk("2025-04-02T00:00:00") })).toEqual([]);

    const before = checkReceiptRules({ ...sale, purchasedAt: msk("2025-02-28T23:59:00") }, window);
    expect(before).toEqual([{ code: "OUTSIDE_CAMPAIGN", message: expect.stringMatching(/до начала акции/) }]);
    const after = checkReceiptRules({ ...sale, purchasedAt: msk("2025-04-01T00:00:00") }, { ...window, now: msk("2025-04-02T00:00:00") });
    expect(after).toEqual([{ code: "OUTSIDE_CAMPAIGN", message: expect.stringMatching(/после окончания акции/) }]);
  });

  it("checks an open-ended window on its one side only", () => {
    const startsOnly = { ...open, campaignStartsAt: msk("2025-03-02T00:00:00") };
    expect(codes(sale, startsOnly)).toEqual(["OUTSIDE_CAMPAIGN"]);
    const endsOnly = { ...open, campaignEndsAt: msk("2025-02-01T00:00:00") };
    expect(codes(sale, endsOnly)).toEqual(["OUTSIDE_CAMPAIGN"]);
  });

  it("reports every problem of a receipt at once", () => {
    const window = { ...open, campaignStartsAt: msk("2025-03-05T00:00:00"), campaignEndsAt: null };
    expect(codes({ ...sale, operationType: 2, totalKopecks: 0 }, window)).toEqual(["REFUND", "ZERO_SUM", "OUTSIDE_CAMPAIGN"]);
  });

  it("shows dates to the shopper in Moscow time", () => {
    // 23:30 on 28 February in Moscow is 20:30 UTC; the shopper must see the Moscow date.
    const late = parsed(withParam("t", "20250228T2330"));
    const [violation] = checkReceiptRules(late, { ...open, campaignStartsAt: msk("2025-03-01T00:00:00") });
    expect(violation?.message).toContain("28.02.2025");
    expect(violation?.message).toContain("01.03.2025");
  });
});
