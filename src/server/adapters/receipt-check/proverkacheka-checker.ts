import "server-only";
import { z } from "zod";
import type { ReceiptCheckResult, ReceiptChecker } from "./receipt-checker";
import { logger } from "@/server/observability/logger";

/**
 * proverkacheka.com (https://proverkacheka.com/api): `POST /api/v1/check/get` with form fields `token` and
 * `qrraw` (the QR text as printed). The answer is HTTP 200 whatever happened; the outcome is the body's `code`:
 *   0 — the receipt is incorrect (no such receipt), 1 — found: `data.json` is the fiscal document,
 *   2 — not received yet (the tax service does not have it, or not yet), 3 — too many requests,
 *   4 — wait before asking again, 5 — other (no data).
 * In `data.json` sums are integer kopecks (`totalSum`, `items[].price`, `items[].sum`), `user` is the seller,
 * `userInn` its INN (space-padded), `retailPlaceAddress` the shop, `dateTime` local time without a zone.
 * Found receipts also carry `data.html`, the rendered receipt: it duplicates `data.json` and is dropped from `raw`.
 */
const DEFAULT_TIMEOUT_MS = 15_000;
/** A receipt with hundreds of lines is a few hundred kilobytes; anything far beyond that is not an answer. */
const MAX_BODY_CHARS = 5_000_000;

const CODE_OUTCOMES: Record<number, { status: "NOT_FOUND" | "FAILED"; message: string; retryable?: boolean }> = {
  0: { status: "NOT_FOUND", message: "Сервис проверки чеков сообщил, что чек некорректен: чека с такими реквизитами нет." },
  2: {
    status: "NOT_FOUND",
    message: "Данные чека пока не получены: ФНС не знает такого чека или ещё не получила его от кассы. Проверку можно повторить позже.",
  },
  3: { status: "FAILED", message: "Превышено количество запросов к сервису проверки чеков. Проверку можно повторить позже.", retryable: true },
  4: { status: "FAILED", message: "Сервис проверки чеков просит подождать перед повторным запросом. Проверку можно повторить позже.", retryable: true },
  5: { status: "FAILED", message: "Сервис проверки чеков не смог получить данные чека." },
};

const envelopeSchema = z.object({
  code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  data: z.unknown(),
});

// Lenient per field: one odd field must not hide the rest of a receipt the service did confirm.
const optionalText = z.string().optional().catch(undefined);
const kopecks = z.number().int().nonnegative();
const receiptSchema = z.object({
  user: optionalText,
  userInn: optionalText,
  retailPlace: optionalText,
  retailPlaceAddress: optionalText,
  totalSum: kopecks.optional().catch(undefined),
  dateTime: z.union([z.string(), z.number()]).optional().catch(undefined),
  items: z.array(z.unknown()).optional().catch(undefined),
});
const itemSchema = z.object({
  name: z.string(),
  quantity: z.number().nonnegative(),
  price: kopecks,
  sum: kopecks,
  // FFD 1.2 marked goods: { gs1m: { gtin: "04607…", sernum, … } } (or ean13, itf14, …), keyed by the code's kind.
  productCodeNew: z.record(z.string(), z.object({ gtin: z.string().regex(/^\d{8,14}$/) }).partial().catch({})).optional().catch(undefined),
});

export class ProverkachekaChecker implements ReceiptChecker {
  readonly name = "proverkacheka.com";

  constructor(private readonly config: { token: string; baseUrl: string; timeoutMs?: number }) {}

  async check(qrText: string): Promise<ReceiptCheckResult> {
    const qrraw = qrText.trim();
    if (qrraw === "") return { status: "FAILED", message: "Нет текста QR-кода для проверки." };

    const timeoutMs = this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let status: number;
    let body: string;
    try {
      const response = await fetch(`${this.config.baseUrl.replace(/\/+$/, "")}/api/v1/check/get`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ token: this.config.token, qrraw }),
        // Covers reading the body too: a service that stalls mid-answer times out the same way.
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      if (isTimeout(error)) {
        return failed(`Сервис проверки чеков не ответил за ${Math.ceil(timeoutMs / 1000)} с. Проверку можно повторить позже.`, error, { retryable: true });
      }
      return failed("Не удалось связаться с сервисом проверки чеков. Проверку можно повторить позже.", error, { retryable: true });
    }

    if (status < 200 || status >= 300) {
      return failed(httpErrorMessage(status), `HTTP ${status}`, { raw: trimText(body, 500), retryable: status >= 500 || status === 429 || status === 408 });
    }
    if (body.length > MAX_BODY_CHARS) return failed("Сервис проверки чеков прислал слишком большой ответ.", `${body.length} chars`);

    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch (error) {
      // Usually a proxy's error page in front of the service: worth another try.
      return failed("Сервис проверки чеков прислал ответ в непонятном формате.", error, { raw: trimText(body, 500), retryable: true });
    }
    return interpretAnswer(payload);
  }
}

/** Maps a parsed answer of `/api/v1/check/get` to the portal's result. */
function interpretAnswer(payload: unknown): ReceiptCheckResult {
  const raw = trimForModerator(payload);
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) {
    return failed("Сервис проверки чеков прислал ответ в непонятном формате.", "no numeric code", { raw });
  }
  const { code, data } = envelope.data;

  if (code === 1) {
    const receipt = receiptSchema.safeParse(isRecord(data) ? data.json : undefined);
    if (!receipt.success) return failed("Сервис проверки чеков подтвердил чек, но не прислал его данные.", "code 1 without data.json", { raw });
    return { status: "CONFIRMED", ...receiptFields(receipt.data), raw };
  }

  const outcome = CODE_OUTCOMES[code] ?? { status: "FAILED" as const, message: `Сервис проверки чеков ответил неизвестным кодом ${code}.` };
  // On failures `data` is usually the service's own explanation as a string.
  const said = typeof data === "string" && data.trim() !== "" ? ` Ответ сервиса: «${trimText(data.trim(), 200)}».` : "";
  if (outcome.status === "FAILED") logFailure(`code ${code}`);
  return { status: outcome.status, message: outcome.message + said, raw, ...(outcome.retryable && { retryable: true }) };
}

function receiptFields(receipt: z.infer<typeof receiptSchema>): Omit<ReceiptCheckResult, "status"> {
  const seller = compact({
    name: clean(receipt.user) ?? clean(receipt.retailPlace),
    inn: clean(receipt.userInn),
    address: clean(receipt.retailPlaceAddress),
  });
  const items = (receipt.items ?? []).flatMap((value) => {
    const item = itemSchema.safeParse(value);
    if (!item.success) return [];
    const gtin = Object.values(item.data.productCodeNew ?? {}).find((code) => code.gtin)?.gtin;
    return [{ name: item.data.name.trim(), quantity: item.data.quantity, priceKopecks: item.data.price, sumKopecks: item.data.sum, ...(gtin && { gtin }) }];
  });
  // Older FNS formats gave dateTime as Unix seconds; the current one gives local ISO time, kept as is.
  const purchasedAt =
    typeof receipt.dateTime === "number" ? new Date(receipt.dateTime * 1000).toISOString() : clean(receipt.dateTime);
  return compact({
    seller: Object.keys(seller).length > 0 ? seller : undefined,
    items: items.length > 0 ? items : undefined,
    totalKopecks: receipt.totalSum,
    purchasedAt,
  });
}

function httpErrorMessage(status: number): string {
  if (status === 401 || status === 403) {
    return `Сервис проверки чеков отклонил токен доступа (HTTP ${status}): администратору нужно проверить RECEIPT_CHECK_TOKEN.`;
  }
  if (status === 429) return "Слишком много запросов к сервису проверки чеков (HTTP 429). Проверку можно повторить позже.";
  return `Сервис проверки чеков ответил ошибкой HTTP ${status}. Проверку можно повторить позже.`;
}

function failed(message: string, detail: unknown, extra: { raw?: unknown; retryable?: boolean } = {}): ReceiptCheckResult {
  logFailure(detail);
  return { status: "FAILED", message, ...extra };
}

function logFailure(detail: unknown): void {
  const text = detail instanceof Error ? `${detail.name}: ${detail.message}` : String(detail);
  logger.warn({ event: "receipt-check.proverkacheka-failed" }, `receipt-check: proverkacheka.com check failed: ${text}`);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

const MAX_STRING = 2_000;
const MAX_ARRAY = 300;
const MAX_DEPTH = 12;

/**
 * The answer as the moderator may want to see it, small enough to store with the receipt: the rendered HTML
 * receipt is dropped (data.json has the same content), long strings and arrays are cut, and a `token` key is
 * never kept in case the service echoes the request.
 */
function trimForModerator(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return trimText(value, MAX_STRING);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ARRAY).map((item) => trimForModerator(item, depth + 1));
    if (value.length > MAX_ARRAY) kept.push(`[… ещё ${value.length - MAX_ARRAY}]`);
    return kept;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "html" || key === "token") continue;
    result[key] = trimForModerator(item, depth + 1);
  }
  return result;
}

function trimText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [обрезано, всего ${text.length} символов]`;
}

function clean(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
