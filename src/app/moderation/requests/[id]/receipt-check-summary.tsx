import { formatDateTime, formatRoubles } from "@/lib/format";
import { RECEIPT_CHECK_MAX_ATTEMPTS } from "@/server/domain/receipt-checks/receipt-check-policy";
import { ReceiptCheckRefresher, RecheckReceiptButton } from "./receipt-check-controls";

interface CheckedReceipt {
  id: number;
  fiscalKey: string | null;
  checkStatus: "NOT_CHECKED" | "CHECKING" | "CONFIRMED" | "NOT_FOUND" | "FAILED";
  checkResult: unknown;
  checkAttempts: number;
  checkNextAt: Date | null;
  checkedAt: Date | null;
}

/** What the stored answer says, read defensively (it is the adapter's JSON). */
function resultOf(value: unknown): { message?: string; seller?: { name?: string; inn?: string }; totalKopecks?: number } {
  if (typeof value !== "object" || value === null) return {};
  const result = value as Record<string, unknown>;
  const seller = typeof result.seller === "object" && result.seller !== null ? (result.seller as Record<string, unknown>) : undefined;
  return {
    message: typeof result.message === "string" ? result.message : undefined,
    seller: seller ? { name: typeof seller.name === "string" ? seller.name : undefined, inn: typeof seller.inn === "string" ? seller.inn : undefined } : undefined,
    totalKopecks: typeof result.totalKopecks === "number" ? result.totalKopecks : undefined,
  };
}

function statusText(receipt: CheckedReceipt, online: boolean): string {
  switch (receipt.checkStatus) {
    case "CHECKING":
      // attempts counts the calls made; a call is in flight or the service asked to wait.
      return receipt.checkAttempts === 0 || !receipt.checkNextAt
        ? "проверяется…"
        : `проверяется — сервис попросил подождать; следующая попытка до ${formatDateTime(receipt.checkNextAt)} (${Math.min(receipt.checkAttempts + 1, RECEIPT_CHECK_MAX_ATTEMPTS)} из ${RECEIPT_CHECK_MAX_ATTEMPTS})`;
    case "CONFIRMED":
      return "подтверждён сервисом";
    case "NOT_FOUND":
      return "не найден сервисом";
    case "FAILED":
      return "не удалась";
    default:
      return online ? "не выполнялась" : "не выполнялась — онлайн-проверка чеков не настроена";
  }
}

/** The online check's state on the moderator's page: "проверяется" while the job runs, then its answer, and a re-check. */
export function ReceiptCheckSummary({ receipt, online }: { receipt: CheckedReceipt; online: boolean }) {
  const checking = receipt.checkStatus === "CHECKING";
  const result = checking ? {} : resultOf(receipt.checkResult);
  const seller = [result.seller?.name, result.seller?.inn && `ИНН ${result.seller.inn}`].filter(Boolean).join(", ");
  return (
    <div className="space-y-2" data-testid="receipt-check" data-check-status={receipt.checkStatus}>
      <ReceiptCheckRefresher checking={checking} />
      <p className="text-muted">
        Проверка чека: <span className={receipt.checkStatus === "CONFIRMED" ? "text-emerald-700" : checking ? "text-ink" : undefined}>{statusText(receipt, online)}</span>
        {receipt.checkedAt && !checking && receipt.checkStatus !== "NOT_CHECKED" ? ` · ${formatDateTime(receipt.checkedAt)}` : ""}
      </p>
      {receipt.checkStatus === "CONFIRMED" && (seller || result.totalKopecks !== undefined) && (
        <p className="text-muted">
          {seller && `Продавец: ${seller}`}
          {seller && result.totalKopecks !== undefined ? " · " : ""}
          {result.totalKopecks !== undefined && `сумма по данным ФНС: ${formatRoubles(result.totalKopecks)}`}
        </p>
      )}
      {(receipt.checkStatus === "NOT_FOUND" || receipt.checkStatus === "FAILED") && result.message && <p className="text-muted">{result.message}</p>}
      {online && receipt.fiscalKey && !checking && <RecheckReceiptButton receiptId={receipt.id} />}
    </div>
  );
}
