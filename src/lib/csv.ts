// CSV for Excel and carrier upload forms in Russia: UTF-8 with a byte-order mark (without it Excel reads
// Cyrillic as mojibake), `;` between fields (Excel's separator under a Russian locale, where `,` is the
// decimal mark) and CRLF line ends.

export const CSV_SEPARATOR = ";";
const BOM = "\uFEFF";

/**
 * One cell, typed by the caller: a JS number is written as a number (a decimal comma, as a Russian Excel
 * reads it); a string is always text, however numeric it looks; null or undefined is an empty cell.
 */
export type CsvCell = string | number | null | undefined;

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets an apostrophe in
 * front, so it stays text: a recipient called `=HYPERLINK(…)`, but also `-2-3` (Excel shows −5) and a phone
 * written `+79123456789` (Excel takes it for a formula too). Numbers are never strings here, so nothing
 * is let through for looking like one.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function numberText(value: number): string {
  // NaN or Infinity would be a bug upstream, not data: refuse it rather than write a word into a number column.
  if (!Number.isFinite(value)) throw new RangeError(`A CSV number cell must be finite, got ${value}`);
  return String(value).replace(".", ",");
}

/** One field: quoted when it holds the separator, a quote, a line break, a comma or edge spaces; quotes doubled. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? numberText(value) : neutralised(value);
  return /[";\r\n,]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR)).join("\r\n") + "\r\n";
}
