import "server-only";
import type { ReceiptCheckResult, ReceiptChecker } from "./receipt-checker";

/**
 * Used whenever no receipt-check service is configured: nothing is sent anywhere. The portal then relies on
 * the offline validation of the QR fields (date, sum, operation type) done where the QR is decoded.
 */
export class OfflineReceiptChecker implements ReceiptChecker {
  readonly name = "offline";

  async check(): Promise<ReceiptCheckResult> {
    return {
      status: "NOT_CHECKED",
      message: "Онлайн-проверка чеков не настроена: проверены только данные QR-кода.",
    };
  }
}
