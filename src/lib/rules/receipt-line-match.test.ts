import { describe, expect, it } from "vitest";
import { DEMO_MATCH_TERMS, DEMO_PRODUCTS } from "../../../scripts/lib/demo-data";
import { RECEIPT_LINE_CASES } from "../../../tests/support/receipt-line-cases";
import { findProductInReceipt, gtinProblem, matchReceiptLine, matchTermProblem, normaliseGtin, prepareCatalogue } from "./receipt-line-match";

// The demo catalogue's terms, products numbered in catalogue order.
const idOf = new Map<string, number>(DEMO_PRODUCTS.map((product, index) => [product.sku, index + 1]));
const catalogue = prepareCatalogue(DEMO_PRODUCTS.map((product) => ({ productId: idOf.get(product.sku)!, ...DEMO_MATCH_TERMS[product.sku] })));

describe("the line-item matching test set", () => {
  const results = RECEIPT_LINE_CASES.map((line) => {
    const match = matchReceiptLine(line, catalogue);
    return { line, found: match?.productIds.length === 1 ? match.productIds[0]! : match ? -1 : null };
  });
  const brandLines = results.filter((result) => result.line.expected !== null);

  it("has at least 60 lines: the brand's written several ways, other brands and look-alikes", () => {
    expect(RECEIPT_LINE_CASES.length).toBeGreaterThanOrEqual(60);
    expect(brandLines.length).toBeGreaterThanOrEqual(40);
    expect(results.length - brandLines.length).toBeGreaterThanOrEqual(20);
  });

  it("names no wrong product for any line (precision 100 %)", () => {
    const wrong = results.filter((result) => result.found !== null && result.found !== idOf.get(result.line.expected ?? ""));
    expect(wrong.map((result) => `${result.line.name} → ${result.found}`)).toEqual([]);
  });

  it("finds at least 95 % of the brand's lines (recall)", () => {
    const missed = brandLines.filter((result) => result.found === null);
    const recall = (brandLines.length - missed.length) / brandLines.length;
    expect(recall, `missed: ${missed.map((result) => result.line.name).join("; ")}`).toBeGreaterThanOrEqual(0.95);
  });
});

describe("matching a receipt line", () => {
  const one = (name: string, gtin?: string) => matchReceiptLine({ name, gtin }, catalogue);

  it("covers abbreviations of Cyrillic words but takes numbers and Latin words exactly", () => {
    expect(one("CARELY СЫВ.НИАЦ.")?.productIds).toEqual([idOf.get("CRL-SR-002")]);
    expect(one("CARELY СЫ.НИАЦИН")).toBeNull(); // "сы": shorter than an abbreviation may be
    expect(one("CARELY ФЛЮИД SPF 30")).toBeNull();
    expect(one("CARELYX ФЛЮИД SPF 50")).toBeNull();
  });

  it("prefers the most specific term and names every product tied on it", () => {
    const tied = prepareCatalogue([
      { productId: 1, terms: ["Brand крем лица"], gtins: [] },
      { productId: 2, terms: ["Brand крем лица"], gtins: [] },
      { productId: 3, terms: ["Brand крем лица ночной"], gtins: [] },
    ]);
    expect(matchReceiptLine({ name: "BRAND КРЕМ Д/ЛИЦА" }, tied)?.productIds).toEqual([1, 2]);
    expect(matchReceiptLine({ name: "BRAND КРЕМ Д/ЛИЦА НОЧН" }, tied)).toEqual({ productIds: [3], by: "term", term: "Brand крем лица ночной" });
  });

  it("takes a GTIN before the name, with or without its leading zero", () => {
    expect(one("Товар", "04607005120014")).toEqual({ productIds: [idOf.get("CRL-FC-001")], by: "gtin" });
    expect(normaliseGtin(" 04607005120014 ")).toBe("4607005120014");
  });
});

describe("what a receipt says of the request's product", () => {
  const serum = idOf.get("CRL-SR-002")!;
  it("finds the selected product, another of the brand's, or none", () => {
    expect(findProductInReceipt([{ name: "ПАКЕТ" }, { name: "CARELY СЫВ.НИАЦИН 30МЛ" }], serum, catalogue)).toMatchObject({ verdict: "SELECTED_PRODUCT", certain: true });
    expect(findProductInReceipt([{ name: "CARELY КРЕМ Д/РУК" }], serum, catalogue)).toMatchObject({ verdict: "OTHER_BRAND_PRODUCT" });
    expect(findProductInReceipt([{ name: "NIVEA КРЕМ" }], serum, catalogue)).toMatchObject({ verdict: "NO_BRAND_PRODUCT", certain: true, lines: [null] });
    // The brand's word on a line no term fits: no product named, and not certain that there is none.
    expect(findProductInReceipt([{ name: "CARELY КРЕМ" }], serum, catalogue)).toMatchObject({ verdict: "NO_BRAND_PRODUCT", certain: false });
  });

  it("is not certain when the only line naming the product names another as well", () => {
    const tied = prepareCatalogue([
      { productId: 1, terms: ["Brand крем лица"], gtins: [] },
      { productId: 2, terms: ["Brand крем лица"], gtins: [] },
    ]);
    expect(findProductInReceipt([{ name: "BRAND КРЕМ ЛИЦА" }], 1, tied)).toMatchObject({ verdict: "SELECTED_PRODUCT", certain: false });
  });

  it("is not certain that a product staff have not described yet is missing", () => {
    // Product 2 has no terms and no GTIN: nothing could find it, so "none of the brand's" proves nothing.
    const halfDone = prepareCatalogue([
      { productId: 1, terms: ["Brand крем лица"], gtins: [] },
      { productId: 2, terms: [], gtins: [] },
    ]);
    expect(findProductInReceipt([{ name: "МОЛОКО 3,2%" }], 2, halfDone)).toMatchObject({ verdict: "NO_BRAND_PRODUCT", certain: false });
    expect(findProductInReceipt([{ name: "МОЛОКО 3,2%" }], 1, halfDone)).toMatchObject({ verdict: "NO_BRAND_PRODUCT", certain: true });
  });
});

describe("the staff's terms and codes", () => {
  it("refuses a term of one word and a GTIN with a wrong check digit", () => {
    expect(matchTermProblem("CARELY")).toMatch(/хотя бы два слова/);
    expect(matchTermProblem("CARELY СЫВ.НИАЦИН 30МЛ")).toBeNull();
    expect(gtinProblem("4607005120014")).toBeNull();
    expect(gtinProblem("4607005120015")).toBe("Неверная контрольная цифра GTIN.");
    expect(gtinProblem("46070")).toBe("GTIN — это 8, 12, 13 или 14 цифр.");
  });
});
