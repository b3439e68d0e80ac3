import { describe, expect, it } from "vitest";
import { s10CheckDigit, trackingUrl, validateTrackingNumber } from "./tracking";

describe("validateTrackingNumber", () => {
  it("accepts a 14-digit Russian Post number written with spaces", () => {
    expect(validateTrackingNumber("RUSSIAN_POST", "8008 2273 0123 45")).toEqual({ ok: true, number: "80082273012345" });
  });

  it("accepts an S10 number whose check digit is right, in any case", () => {
    expect(s10CheckDigit("12345678")).toBe(5);
    expect(validateTrackingNumber("RUSSIAN_POST", "ra123456785ru")).toEqual({ ok: true, number: "RA123456785RU" });
  });

  it("refuses an S10 number with a wrong check digit, and other shapes", () => {
    expect(validateTrackingNumber("RUSSIAN_POST", "RA123456784RU")).toMatchObject({ ok: false, message: expect.stringMatching(/контрольная цифра/) });
    expect(validateTrackingNumber("RUSSIAN_POST", "12345")).toMatchObject({ ok: false });
    expect(validateTrackingNumber("RUSSIAN_POST", "")).toMatchObject({ ok: false, message: "Укажите трек-номер." });
  });

  it("accepts a numeric CDEK order number and refuses letters or short numbers", () => {
    expect(validateTrackingNumber("CDEK", "1108563212")).toEqual({ ok: true, number: "1108563212" });
    expect(validateTrackingNumber("CDEK", "RA123456785RU")).toMatchObject({ ok: false });
    expect(validateTrackingNumber("CDEK", "12345")).toMatchObject({ ok: false });
  });
});

describe("trackingUrl", () => {
  it("links each carrier's tracking page", () => {
    expect(trackingUrl("CDEK", "1108563212")).toBe("https://www.cdek.ru/ru/tracking?order_id=1108563212");
    expect(trackingUrl("RUSSIAN_POST", "RA123456785RU")).toBe("https://www.pochta.ru/tracking?barcode=RA123456785RU");
  });
});
