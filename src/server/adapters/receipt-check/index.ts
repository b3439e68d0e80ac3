import "server-only";
import { env } from "@/server/config/env";
import { OfflineReceiptChecker } from "./offline-receipt-checker";
import { ProverkachekaChecker } from "./proverkacheka-checker";
import type { ReceiptChecker } from "./receipt-checker";

export type { ReceiptCheckResult, ReceiptChecker } from "./receipt-checker";

/** The configured receipt check: proverkacheka.com when RECEIPT_CHECK_TOKEN is set, else the offline checker. */
export function receiptChecker(): ReceiptChecker {
  const config = env();
  if (config.RECEIPT_CHECK_TOKEN) {
    return new ProverkachekaChecker({ token: config.RECEIPT_CHECK_TOKEN, baseUrl: config.RECEIPT_CHECK_BASE_URL });
  }
  return new OfflineReceiptChecker();
}

/** Whether receipts are checked online (RECEIPT_CHECK_TOKEN set): only then is a check queued and a re-check offered. */
export function onlineReceiptCheck(): boolean {
  return Boolean(env().RECEIPT_CHECK_TOKEN);
}
