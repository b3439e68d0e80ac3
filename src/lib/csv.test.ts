import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csv", () => {
  it("quotes fields holding the separator, quotes, line breaks, commas or edge spaces", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("Москва, ул. Тверская, 1")).toBe('"Москва, ул. Тверская, 1"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("neutralises every text that starts like a formula, however numeric it looks", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    // Excel computed these before: −5 for the first, a sum for the phone-like ones.
    expect(csvField("-2-3")).toBe("'-2-3");
    expect(csvField("+79161234567")).toBe("'+79161234567");
    expect(csvField("+7 (916) 123-45-67")).toBe("'+7 (916) 123-45-67");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("\t=1+1")).toBe("'\t=1+1");
    expect(csvField("\r=1+1")).toBe(`"'\r=1+1"`);
    // Quoting does not undo it: the apostrophe is inside the quotes.
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    // Only the first character counts.
    expect(csvField("a-b=c")).toBe("a-b=c");
    expect(csvField("79161234567")).toBe("79161234567");
  });

  it("writes numbers as numbers, with a decimal comma", () => {
    expect(csvField(42)).toBe("42");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(0)).toBe("0");
    expect(csvField(60.5)).toBe('"60,5"');
    expect(csvField(-0.25)).toBe('"-0,25"');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("writes a BOM, a header and CRLF-terminated rows", () => {
    expect(toCsv(["А", "Б"], [["1", 2], ["x;y", null]])).toBe('\uFEFFА;Б\r\n1;2\r\n"x;y";\r\n');
  });
});
