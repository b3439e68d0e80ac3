import type { Carrier } from "@/generated/prisma/enums";

/**
 * Carrier tracking numbers: what staff may enter when shipping, and the page where the shopper follows
 * the parcel. Russian Post: a 14-digit domestic number (ШПИ) or an international UPU S10 number
 * (`AA123456789RU`, with its check digit); CDEK: the numeric order number (9 to 12 digits).
 */
export type TrackingCheck = { ok: true; number: string } | { ok: false; message: string };

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The UPU S10 check digit of an 8-digit serial number. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((total, digit, index) => total + Number(digit) * S10_WEIGHTS[index]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

export function validateTrackingNumber(carrier: Carrier, raw: string): TrackingCheck {
  // People paste numbers with spaces or dashes, and in lower case.
  const number = raw.replace(/[\s-]/g, "").toUpperCase();
  if (!number) return { ok: false, message: "Укажите трек-номер." };
  if (carrier === "CDEK") {
    return /^\d{9,12}$/.test(number) ? { ok: true, number } : { ok: false, message: "Номер заказа СДЭК — это 9–12 цифр, например 1234567890." };
  }
  if (/^\d{14}$/.test(number)) return { ok: true, number };
  const s10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(number);
  if (s10) {
    if (s10CheckDigit(s10[2]!) !== Number(s10[3])) return { ok: false, message: "В трек-номере ошибка: не сходится контрольная цифра. Проверьте номер." };
    return { ok: true, number };
  }
  return { ok: false, message: "Трек-номер Почты России — 14 цифр или международный вида AA123456785RU." };
}

/** The carrier's public tracking page for a number. */
export function trackingUrl(carrier: Carrier, number: string): string {
  const encoded = encodeURIComponent(number);
  return carrier === "CDEK" ? `https://www.cdek.ru/ru/tracking?order_id=${encoded}` : `https://www.pochta.ru/tracking?barcode=${encoded}`;
}

export const CARRIER_LABEL: Record<Carrier, string> = { CDEK: "СДЭК", RUSSIAN_POST: "Почта России" };
