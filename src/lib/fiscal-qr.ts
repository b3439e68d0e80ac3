// The QR code of a Russian fiscal receipt (ФНС format): `t=YYYYMMDDTHHMM[SS]&s=<roubles.kopecks>&fn=<16
// digits>&i=<FD number>&fp=<FPD>&n=<1..4>`. Pure: the server's verdict on an uploaded photo, the live
// scanner's worker in the browser (only a fiscal code is captured), the decoding bench and the tests read
// the one parser.
import { formatDate, formatDateTime } from "@/lib/format";
import { atMoscowTime, isDateKey } from "@/lib/moscow-time";

export interface FiscalReceiptFields {
  /** `t`, read as Moscow time (the receipt carries the shop's local time without a zone). */
  purchasedAt: Date;
  /** `s`, in kopecks. */
  totalKopecks: number;
  /** `fn`: the fiscal drive's 16-digit number. */
  fiscalDriveNumber: string;
  /** `i`: the fiscal document number, without leading zeros. */
  fiscalDocumentNumber: string;
  /** `fp`: the fiscal sign of the document, without leading zeros. */
  fiscalSign: string;
  /** `n`: 1 sale, 2 sale refund, 3 expense, 4 expense refund. */
  operationType: number;
}

export type FiscalQrParse =
  | { ok: true; fields: FiscalReceiptFields }
  | { ok: false; problem: "NOT_FISCAL" | "MALFORMED"; message: string };

export type ReceiptRuleViolation = { code: "REFUND" | "NOT_A_SALE" | "FUTURE_DATE" | "OUTSIDE_CAMPAIGN" | "ZERO_SUM"; message: string };

const FISCAL_KEYS = ["t", "s", "fn", "i", "fp", "n"] as const;
type FiscalKey = (typeof FISCAL_KEYS)[number];

// The shop's clock and the server's disagree by a few minutes at times; a receipt "from the future" by less
// than this is not refused.
const CLOCK_SKEW_MS = 10 * 60 * 1000;

export const NOT_FISCAL_MESSAGE =
  "Этот QR-код не с кассового чека. Сфотографируйте QR-код на самом чеке — обычно он напечатан внизу чека.";
const MALFORMED_PREFIX = "QR-код похож на чековый, но в нём ошибка";
const MALFORMED_SUFFIX = "Проверьте, что это QR-код с кассового чека, или переснимите его.";

const FIELD_PROBLEMS: Record<FiscalKey, string> = {
  t: "неверная дата и время покупки",
  s: "неверная сумма",
  fn: "неверный номер фискального накопителя",
  i: "неверный номер фискального документа",
  fp: "неверный фискальный признак",
  n: "неверный вид операции",
};

const FIELD_NAMES_GENITIVE: Record<FiscalKey, string> = {
  t: "даты покупки (t)",
  s: "суммы (s)",
  fn: "номера ФН (fn)",
  i: "номера документа (i)",
  fp: "фискального признака (fp)",
  n: "вида операции (n)",
};

function malformed(detail: string): FiscalQrParse {
  return { ok: false, problem: "MALFORMED", message: `${MALFORMED_PREFIX}: ${detail}. ${MALFORMED_SUFFIX}` };
}

export function parseFiscalQr(text: string): FiscalQrParse {
  const trimmed = text.trim();
  // A link (even one carrying receipt parameters, as some OFD pages do) is not the receipt's own code.
  if (trimmed.includes("://") || /^www\./i.test(trimmed)) {
    return { ok: false, problem: "NOT_FISCAL", message: NOT_FISCAL_MESSAGE };
  }
  const values = new Map<FiscalKey, string>();
  let duplicate = false;
  for (const part of trimmed.split("&")) {
    const separator = part.indexOf("=");
    if (separator <= 0) continue;
    const key = part.slice(0, separator).trim().toLowerCase();
    if (!(FISCAL_KEYS as readonly string[]).includes(key)) continue; // unknown keys are tolerated
    if (values.has(key as FiscalKey)) duplicate = true;
    values.set(key as FiscalKey, part.slice(separator + 1).trim());
  }
  // A receipt's code, however damaged, still has two of its keys including a distinctive one; a lone `i=` or
  // `n=` is some other code's parameter.
  const distinctive = values.has("t") || values.has("fn") || values.has("fp");
  if (values.size < 2 || !distinctive) return { ok: false, problem: "NOT_FISCAL", message: NOT_FISCAL_MESSAGE };
  if (duplicate) return malformed("параметры повторяются");
  const missing = FISCAL_KEYS.filter((key) => !values.has(key));
  if (missing.length > 0) return malformed(`нет ${missing.map((key) => FIELD_NAMES_GENITIVE[key]).join(", ")}`);

  const purchasedAt = parseMoscowTimestamp(values.get("t")!);
  if (!purchasedAt) return malformed(FIELD_PROBLEMS.t);
  const totalKopecks = parseKopecks(values.get("s")!);
  if (totalKopecks === null) return malformed(FIELD_PROBLEMS.s);
  const fiscalDriveNumber = values.get("fn")!;
  if (!/^\d{16}$/.test(fiscalDriveNumber)) return malformed(FIELD_PROBLEMS.fn);
  const fiscalDocumentNumber = values.get("i")!;
  // The FD number and FPD are unsigned 32-bit counters/codes in the fiscal drive; 10 digits at most.
  if (!/^\d{1,10}$/.test(fiscalDocumentNumber) || /^0+$/.test(fiscalDocumentNumber)) return malformed(FIELD_PROBLEMS.i);
  const fiscalSign = values.get("fp")!;
  if (!/^\d{1,10}$/.test(fiscalSign)) return malformed(FIELD_PROBLEMS.fp);
  const operation = values.get("n")!;
  if (!/^[1-4]$/.test(operation)) return malformed(FIELD_PROBLEMS.n);

  return {
    ok: true,
    fields: {
      purchasedAt,
      totalKopecks,
      fiscalDriveNumber,
      fiscalDocumentNumber: stripLeadingZeros(fiscalDocumentNumber),
      fiscalSign: stripLeadingZeros(fiscalSign),
      operationType: Number(operation),
    },
  };
}


/** `YYYYMMDDTHHMM` or `YYYYMMDDTHHMMSS`, shop-local time taken as Moscow time. */
function parseMoscowTimestamp(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second = "00"] = match.slice(1) as [string, string, string, string, string, string | undefined];
  const dateKey = `${year}-${month}-${day}`;
  // A real date (not 31 April, not 29 February of a common year) and a real clock time.
  if (Number(year) < 2000 || !isDateKey(dateKey) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return atMoscowTime(dateKey, `${hour}:${minute}:${second}`);
}

/** `1413`, `16.5`, `16.00` → kopecks, by string arithmetic (no floating point). */
function parseKopecks(value: string): number | null {
  const match = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  const roubles = Number(match[1]);
  const kopecks = Number((match[2] ?? "").padEnd(2, "0"));
  return roubles * 100 + kopecks;
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

/**
 * The key that identifies one receipt for duplicate detection: `fn|i|fp`, normalised so the same receipt
 * always gives the same key (leading zeros of `i` and `fp` dropped, surrounding spaces ignored).
 */
export function fiscalKey(fields: Pick<FiscalReceiptFields, "fiscalDriveNumber" | "fiscalDocumentNumber" | "fiscalSign">): string {
  return [fields.fiscalDriveNumber.trim(), stripLeadingZeros(fields.fiscalDocumentNumber.trim()), stripLeadingZeros(fields.fiscalSign.trim())].join("|");
}

export function checkReceiptRules(
  fields: FiscalReceiptFields,
  context: { now: Date; campaignStartsAt: Date | null; campaignEndsAt: Date | null },
): ReceiptRuleViolation[] {
  const violations: ReceiptRuleViolation[] = [];
  if (fields.operationType === 2 || fields.operationType === 4) {
    violations.push({ code: "REFUND", message: "Это чек возврата — за возврат баллы не начисляются." });
  } else if (fields.operationType === 3) {
    // n=3 is an expense: the shop paid money out (e.g. bought something from the customer), not a purchase.
    violations.push({ code: "NOT_A_SALE", message: "Это чек расхода, а не покупки — баллы начисляются только за чек покупки." });
  }
  if (fields.totalKopecks <= 0) {
    violations.push({ code: "ZERO_SUM", message: "Сумма в чеке нулевая — за такой чек баллы не начисляются." });
  }
  const purchasedAt = fields.purchasedAt.getTime();
  if (purchasedAt > context.now.getTime() + CLOCK_SKEW_MS) {
    violations.push({
      code: "FUTURE_DATE",
      message: `Дата покупки на чеке (${formatDateTime(fields.purchasedAt)}) ещё не наступила — проверьте, что это правильный чек.`,
    });
    // A date in the future is the problem to report; "outside the campaign" would only repeat it.
    return violations;
  }
  const { campaignStartsAt: startsAt, campaignEndsAt: endsAt } = context;
  if (startsAt && purchasedAt < startsAt.getTime()) {
    violations.push({
      code: "OUTSIDE_CAMPAIGN",
      message: `Покупка сделана ${formatDate(fields.purchasedAt)}, до начала акции (${formatDateTime(startsAt)}). Баллы начисляются только за покупки в период акции.`,
    });
  } else if (endsAt && purchasedAt > endsAt.getTime()) {
    violations.push({
      code: "OUTSIDE_CAMPAIGN",
      message: `Покупка сделана ${formatDate(fields.purchasedAt)}, после окончания акции (${formatDateTime(endsAt)}). Баллы начисляются только за покупки в период акции.`,
    });
  }
  return violations;
}
