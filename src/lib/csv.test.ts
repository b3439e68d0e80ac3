import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csv", () => {
  it("quotes fields holding the separator, quotes, line breaks or edge spaces", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });

  it("neutralises formulas but leaves numbers and phone numbers as they are", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("+79161234567")).toBe("+79161234567");
    expect(csvField("-5")).toBe("-5");
  });

  it("writes a BOM, a header and CRLF-terminated rows", () => {
    expect(toCsv(["А", "Б"], [["1", "2"], ["x;y", null]])).toBe('\uFEFFА;Б\r\n1;2\r\n"x;y";\r\n');
  });
});
