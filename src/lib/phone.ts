import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Normalises a Russian mobile number written any common way (`8 (912) 345-67-89`, `+7 912 345 67 89`,
 * `9123456789`, or copied from the portal's display with its non-breaking hyphens) to E.164 (`+79123456789`). Returns null for anything that is not a valid Russian mobile.
 */
export function normaliseRussianMobile(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "" || trimmed.length > 32 || /[^\d\s()+\-.\u2011]/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  // Domestic trunk prefix 8 and the bare ten-digit form both mean +7.
  if (digits.length === 11 && digits.startsWith("8")) digits = `7${digits.slice(1)}`;
  if (digits.length === 10) digits = `7${digits}`;
  if (digits.length !== 11 || !digits.startsWith("7")) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`, "RU");
  if (!parsed || parsed.country !== "RU" || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") return null;
  return parsed.number;
}
