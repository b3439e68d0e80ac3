// Display helpers only: kept apart from phone.ts so client bundles don't pull in libphonenumber's metadata.

/** U+2011: a hyphen a line never breaks at, so a number shown in text stays on one line. */
const NON_BREAKING_HYPHEN = "\u2011";
const NO_BREAK_SPACE = "\u00a0";

/** `+79123456789` → `+7 912 345-67-89`, for display; spaces and hyphens never break the line. */
export function formatRussianPhone(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (!match) return e164;
  return `+7${NO_BREAK_SPACE}${match[1]}${NO_BREAK_SPACE}${match[2]}${NON_BREAKING_HYPHEN}${match[3]}${NON_BREAKING_HYPHEN}${match[4]}`;
}

/**
 * A Russian mobile as the shopper types it, formatted as they go: "8912345" → "+7 912 345", then
 * "+7 912 345-67-89". A leading 8 (the domestic prefix) becomes +7, a number started without the country
 * code (9…) gets it. `previous` is the field's value before this change: deleting a space or hyphen deletes
 * the digit before it too, or backspace could never get past the formatting. Ordinary spaces and hyphens:
 * this is an input's value, which the server reads back (src/lib/phone.ts).
 */
export function formatPhoneAsTyped(value: string, previous = ""): string {
  let digits = value.replace(/\D/g, "");
  const deletedSeparator = value.length < previous.length && digits === previous.replace(/\D/g, "");
  if (deletedSeparator) digits = digits.slice(0, -1);
  if (digits === "") return deletedSeparator || !value.trim().startsWith("+") ? "" : "+";
  if (digits.startsWith("8")) digits = `7${digits.slice(1)}`;
  else if (!digits.startsWith("7")) digits = `7${digits}`;
  const rest = digits.slice(1, 11);
  if (deletedSeparator && rest === "") return "";
  const groups = [rest.slice(0, 3), rest.slice(3, 6), rest.slice(6, 8), rest.slice(8, 10)];
  let text = "+7";
  if (groups[0]) text += ` ${groups[0]}`;
  if (groups[1]) text += ` ${groups[1]}`;
  if (groups[2]) text += `-${groups[2]}`;
  if (groups[3]) text += `-${groups[3]}`;
  return text;
}

/** `+79123456789` → `+7 912 ***-**-89`, for logs and staff screens that need not see the number. */
export function maskPhone(e164: string): string {
  const match = /^\+7(\d{3})\d{5}(\d{2})$/.exec(e164);
  return match ? `+7${NO_BREAK_SPACE}${match[1]}${NO_BREAK_SPACE}***${NON_BREAKING_HYPHEN}**${NON_BREAKING_HYPHEN}${match[2]}` : "***";
}
