import "server-only";
import { type FiscalReceiptFields, checkReceiptRules, fiscalKey, parseFiscalQr } from "@/lib/fiscal-qr";
import type { ProgrammeSettings } from "@/server/settings/programme-settings";

/**
 * What the server concluded from a receipt photo's QR code:
 * - FISCAL: a valid sale receipt inside the campaign window — filed for the moderator;
 * - UNREADABLE: no QR code found — still filed, the moderator looks at the photo (and may reject it
 *   as unreadable), because a real receipt the decoder missed must not be lost;
 * - REFUSED: the code is readable and can never earn points (not a receipt, a refund, a future date,
 *   outside the campaign) — the shopper is told why and the request is not filed with it.
 */
export type ReceiptAssessment =
  | { verdict: "FISCAL"; fields: FiscalReceiptFields; key: string }
  | { verdict: "UNREADABLE"; message: string }
  | { verdict: "REFUSED"; message: string; fields?: FiscalReceiptFields };

export const RECEIPT_UNREADABLE_MESSAGE =
  "QR-код на фото не распознан. Можно отправить как есть — модератор посмотрит сам, но лучше переснять: QR-код целиком, крупно, без бликов.";

export function assessReceipt(qrText: string | null, settings: ProgrammeSettings, now: Date): ReceiptAssessment {
  if (!qrText) return { verdict: "UNREADABLE", message: RECEIPT_UNREADABLE_MESSAGE };
  const parsed = parseFiscalQr(qrText);
  if (!parsed.ok) return { verdict: "REFUSED", message: parsed.message };
  const violations = checkReceiptRules(parsed.fields, {
    now,
    campaignStartsAt: settings.campaignStartsAt,
    campaignEndsAt: settings.campaignEndsAt,
  });
  if (violations.length > 0) {
    return { verdict: "REFUSED", message: violations.map((violation) => violation.message).join(" "), fields: parsed.fields };
  }
  return { verdict: "FISCAL", fields: parsed.fields, key: fiscalKey(parsed.fields) };
}
