import { describe, expect, it } from "vitest";
import { codeHintOf, parseCodeList } from "./code-list";

describe("parseCodeList", () => {
  it("reads one code per line, trimming spaces and skipping empty lines", () => {
    const parsed = parseCodeList("  ALPHA-0001  \n\nBRAVO-0002\r\n   \r\nCHARLIE-03\n");
    expect(parsed.codes).toEqual([
      { line: 1, code: "ALPHA-0001" },
      { line: 3, code: "BRAVO-0002" },
      { line: 5, code: "CHARLIE-03" },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.emptyLines).toBe(2);
  });

  it("takes the first column of a CSV export and skips its header and byte-order mark", () => {
    const parsed = parseCodeList('\uFEFFcode;valid_until\n"QUOTED;CODE-1";2026-12-31\nPLAIN-CODE-2,2026-12-31\nTABBED-CODE-3\t2026\n"ESC""APED-4"');
    expect(parsed.headerSkipped).toBe(true);
    expect(parsed.codes.map((item) => item.code)).toEqual(["QUOTED;CODE-1", "PLAIN-CODE-2", "TABBED-CODE-3", 'ESC"APED-4']);
    expect(parseCodeList("Промокод\nКОД-123456").codes).toEqual([{ line: 2, code: "КОД-123456" }]);
  });

  it("reports each duplicate with its line and the line it repeats", () => {
    const parsed = parseCodeList("AAAA-1111\nBBBB-2222\n\nAAAA-1111\nBBBB-2222\nAAAA-1111");
    expect(parsed.codes.map((item) => item.code)).toEqual(["AAAA-1111", "BBBB-2222"]);
    expect(parsed.problems).toEqual([
      { line: 4, message: "код повторяет строку 1." },
      { line: 5, message: "код повторяет строку 2." },
      { line: 6, message: "код повторяет строку 1." },
    ]);
  });

  it("refuses codes too short to hide behind a hint, empty first columns and control characters", () => {
    const parsed = parseCodeList("ABC\n;2026-12-31\nGOOD-CODE-1\nBAD\u0007CODE\n" + "X".repeat(201));
    expect(parsed.problems).toEqual([
      { line: 1, message: "код короче 6 символов." },
      { line: 2, message: "в первом столбце нет кода." },
      { line: 4, message: "в коде есть невидимые управляющие символы." },
      { line: 5, message: "код длиннее 200 символов." },
    ]);
    expect(parsed.codes).toEqual([{ line: 3, code: "GOOD-CODE-1" }]);
  });

  it("keeps the last four characters as the hint", () => {
    expect(codeHintOf("CRL-7F3K-92QX")).toBe("92QX");
  });
});
