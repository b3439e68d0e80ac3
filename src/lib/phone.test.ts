import { describe, expect, it } from "vitest";
import { normaliseRussianMobile } from "./phone";
import { formatPhoneAsTyped, formatRussianPhone, maskPhone } from "./phone-format";

describe("normaliseRussianMobile", () => {
  it.each([
    ["8 (912) 345-67-89", "+79123456789"],
    ["+7 912 345 67 89", "+79123456789"],
    ["9123456789", "+79123456789"],
    ["+7(912)345-67-89", "+79123456789"],
    ["79123456789", "+79123456789"],
    ["  8-912-345-67-89 ", "+79123456789"],
    ["8.912.345.67.89", "+79123456789"],
  ])("accepts %s", (input, expected) => {
    expect(normaliseRussianMobile(input)).toBe(expected);
  });

  it.each([
    [""],
    ["12345"],
    ["+1 212 555 0100"], // not Russian
    ["+7 495 123-45-67"], // Moscow landline: cannot receive the SMS
    ["8 (912) 345-67-8"], // one digit short
    ["8 (912) 345-67-890"], // one digit too many
    ["9123456789abc"],
    ["+7 912 345 67 89; drop table users"],
    ["+380 67 123 4567"], // Ukraine
    ["1".repeat(200)],
  ])("rejects %s", (input) => {
    expect(normaliseRussianMobile(input)).toBeNull();
  });
});

describe("display helpers", () => {
  it("formats and masks with no place to break the line", () => {
    expect(formatRussianPhone("+79123456789")).toBe("+7\u00a0912\u00a0345\u201167\u201189");
    expect(maskPhone("+79123456789")).toBe("+7\u00a0912\u00a0***\u2011**\u201189");
  });

  it("reads back a number copied from the display", () => {
    expect(normaliseRussianMobile(formatRussianPhone("+79123456789"))).toBe("+79123456789");
  });
});

describe("formatPhoneAsTyped", () => {
  it.each([
    ["", ""],
    ["+", "+"],
    ["8", "+7"],
    ["89", "+7 9"],
    ["8912", "+7 912"],
    ["89123", "+7 912 3"],
    ["8912345", "+7 912 345"],
    ["89123456", "+7 912 345-6"],
    ["891234567", "+7 912 345-67"],
    ["8912345678", "+7 912 345-67-8"],
    ["89123456789", "+7 912 345-67-89"],
    ["8 (912) 345-67-89", "+7 912 345-67-89"],
    ["+7 912 345 67 89", "+7 912 345-67-89"],
    ["9123456789", "+7 912 345-67-89"],
    ["+7912345678999", "+7 912 345-67-89"],
  ])("%j → %j", (typed, shown) => {
    expect(formatPhoneAsTyped(typed)).toBe(shown);
  });

  it("deletes the digit before a space or hyphen that backspace removed", () => {
    expect(formatPhoneAsTyped("+7 912 345-67", "+7 912 345-67-")).toBe("+7 912 345-6");
    expect(formatPhoneAsTyped("+7 912345", "+7 912 345")).toBe("+7 912 34");
    expect(formatPhoneAsTyped("+7", "+7 ")).toBe("");
    expect(formatPhoneAsTyped("+7 912 345-6", "+7 912 345-67")).toBe("+7 912 345-6");
  });

  it("gives the server a value it reads", () => {
    expect(normaliseRussianMobile(formatPhoneAsTyped("89123456789"))).toBe("+79123456789");
  });
});
