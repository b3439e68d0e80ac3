import type { LedgerEntryKind } from "@/generated/prisma/enums";

/** How each ledger entry is explained to the shopper. */
export const LEDGER_KIND_LABEL: Record<LedgerEntryKind, string> = {
  REVIEW_APPROVED: "Отзыв одобрен",
  RECEIPT_APPROVED: "Чек одобрен",
  PRIZE_ORDER: "Заказ приза",
  PRIZE_REFUND: "Возврат баллов за отменённый заказ",
  FORFEITURE: "Списание за неактивность",
  ADJUSTMENT: "Корректировка",
};
