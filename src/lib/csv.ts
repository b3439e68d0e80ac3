// CSV for Excel and carrier upload forms in Russia: UTF-8 with a byte-order mark (without it Excel reads
// Cyrillic as mojibake), `;` between fields (Excel's separator under a Russian locale, where `,` is the
// decimal mark) and CRLF line ends.

export const CSV_SEPARATOR = ";";
const BOM = "\uFEFF";

/**
 * A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) is prefixed with an
 * apostrophe, so a recipient called `=HYPERLINK(…)` stays text. Plain numbers and phone numbers
 * (`+79123456789`, `-5`) are left alone: they are data, and carriers' forms expect them as written.
 */
function neutralised(value: string): string {
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[+-]?[\d\s().-]+$/.test(value)) return value;
  return `'${value}`;
}

/** One field: quoted when it holds the separator, a quote, a line break or edge spaces; quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = neutralised(String(value));
  return /[";\r\n,]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR)).join("\r\n") + "\r\n";
}
