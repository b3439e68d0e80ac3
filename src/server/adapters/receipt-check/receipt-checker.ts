import "server-only";

/** What an online receipt check found, shown to the moderator beside the offline QR validation. */
export interface ReceiptCheckResult {
  /** CONFIRMED: the tax service knows the receipt; NOT_FOUND: it does not (yet); FAILED: the check itself failed; NOT_CHECKED: no service configured. */
  status: "CONFIRMED" | "NOT_FOUND" | "FAILED" | "NOT_CHECKED";
  seller?: { name?: string; inn?: string; address?: string };
  /** `gtin`: a marked item's product code (FFD 1.2 `productCodeNew.*.gtin`), matched to the catalogue's GTINs. */
  items?: { name: string; quantity: number; priceKopecks: number; sumKopecks: number; gtin?: string }[];
  totalKopecks?: number;
  /** ISO, as the service reports it (fiscal receipts carry local time without a zone). */
  purchasedAt?: string;
  /** Russian, for the moderator: why NOT_FOUND / FAILED / NOT_CHECKED. */
  message?: string;
  /** The service's JSON, trimmed of anything huge (the rendered HTML receipt), for the moderator. */
  raw?: unknown;
  /**
   * FAILED only: the service said "try later" (too many requests, wait, HTTP 5xx/429, a timeout, no
   * connection), so the receipt-check job tries again with backoff instead of settling on FAILED.
   */
  retryable?: boolean;
}

/** Checks a fiscal receipt's QR text online. Implementations never throw for service problems. */
export interface ReceiptChecker {
  /** "offline" when no service is configured, else the service's name. */
  readonly name: string;
  check(qrText: string): Promise<ReceiptCheckResult>;
}
