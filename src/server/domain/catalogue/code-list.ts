import "server-only";
// Parsing a partner's list of digital prize codes: a CSV export (first column) or one code per line.
// Pure, so the import's rules are tested without a database; import-prize-codes.ts adds the checks
// against codes already stored and writes the batch.

export const CODE_LIST_LIMITS = { minLength: 6, maxLength: 200, maxCodes: 20_000 } as const;

export interface CodeListProblem {
  /** 1-based line number in the file, as a text editor or Excel shows it. */
  line: number;
  message: string;
}

export interface ParsedCodeList {
  codes: { line: number; code: string }[];
  problems: CodeListProblem[];
  emptyLines: number;
  headerSkipped: boolean;
}

/** A first line that names the column instead of holding a code. */
const HEADER = /^(?:codes?|promo[ _-]?codes?|coupons?|vouchers?|коды?|промокоды?|купоны?|сертификаты?)$/i;
// Control characters would be invisible in an email and impossible to type on a partner's site.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The first field of a CSV line (`;`, `,` or tab separated, optionally quoted with `""` escapes). */
function firstField(line: string): string {
  if (line.startsWith('"')) {
    let value = "";
    for (let index = 1; index < line.length; index += 1) {
      const char = line[index]!;
      if (char === '"') {
        if (line[index + 1] === '"') {
          value += '"';
          index += 1;
        } else return value;
      } else value += char;
    }
    return value; // an unclosed quote: the rest of the line
  }
  const end = line.search(/[;,\t]/);
  return end === -1 ? line : line.slice(0, end);
}

/**
 * Codes with their line numbers, and every problem found: codes too short or too long, control
 * characters, a code repeated within the list. Empty lines (and a header line) are skipped, not errors;
 * surrounding spaces are trimmed.
 */
export function parseCodeList(text: string): ParsedCodeList {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const codes: ParsedCodeList["codes"] = [];
  const problems: CodeListProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let emptyLines = 0;
  let headerSkipped = false;
  let seenContent = false;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "") {
      // The newline at the very end of a file is not an empty line anyone wrote.
      if (index < lines.length - 1) emptyLines += 1;
      return;
    }
    const code = firstField(trimmed).trim();
    if (!seenContent) {
      seenContent = true;
      if (HEADER.test(code)) {
        headerSkipped = true;
        return;
      }
    }
    if (code === "") return void problems.push({ line, message: "в первом столбце нет кода." });
    if (CONTROL.test(code)) return void problems.push({ line, message: "в коде есть невидимые управляющие символы." });
    if (code.length < CODE_LIST_LIMITS.minLength) return void problems.push({ line, message: `код короче ${CODE_LIST_LIMITS.minLength} символов.` });
    if (code.length > CODE_LIST_LIMITS.maxLength) return void problems.push({ line, message: `код длиннее ${CODE_LIST_LIMITS.maxLength} символов.` });
    const earlier = firstLineOf.get(code);
    if (earlier !== undefined) return void problems.push({ line, message: `код повторяет строку ${earlier}.` });
    firstLineOf.set(code, line);
    codes.push({ line, code });
  });
  return { codes, problems, emptyLines, headerSkipped };
}

/** What staff see of a code after import: its last four characters. */
export function codeHintOf(code: string): string {
  return code.slice(-4);
}

/** A hint as staff read it, "…92QX" (demo data stores the ellipsis with the hint; imports store the characters alone). */
export function displayCodeHint(hint: string): string {
  return `…${hint.replace(/^…+/, "")}`;
}
