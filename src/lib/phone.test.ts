import { describe, expect, it } from "vitest";
import { normaliseRussianMobile } from "./phone";
import { formatRussianPhone, maskPhone } from "./phone-format";

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
  it("formats and masks", () => {
    expect(formatRussianPhone("+79123456789")).toBe("+7 912 345-67-89");
    expect(maskPhone("+79123456789")).toBe("+7 912 ***-**-89");
  });
});
