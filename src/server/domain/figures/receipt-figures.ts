import "server-only";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { RECEIPT_FACTS, RECEIPT_REQUEST_FACTS, REQUEST_FACTS, totalFactsSql } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";

export interface ReceiptFigures {
  /** Receipt photos decoded in the range (every attempt counts: each is a photo moderators looked at). */
  count: number;
  /** Mean sum over those whose QR carried one, in kopecks, rounded; null when none did. */
  averageKopecks: number | null;
  /** Requests filed in the range… */
  requestsFiled: number;
  /** …of which came with a receipt part, and their share (0…1, null when none were filed). */
  requestsWithReceipt: number;
  withReceiptShare: number | null;
}

export async function receiptFigures(range: FiguresRange): Promise<ReceiptFigures> {
  const toExclusive = addDays(range.to, 1);
  const [receipts, requests, withReceipts] = await Promise.all([
    db.$queryRaw<Record<"receipts" | "receipts_with_sum" | "receipts_sum_kopecks", bigint>[]>(totalFactsSql(RECEIPT_FACTS, range.from, toExclusive)),
    db.$queryRaw<Record<"requests_filed", bigint>[]>(totalFactsSql(REQUEST_FACTS, range.from, toExclusive)),
    db.$queryRaw<Record<"requests_with_receipt", bigint>[]>(totalFactsSql(RECEIPT_REQUEST_FACTS, range.from, toExclusive)),
  ]);
  const withSum = num(receipts[0]?.receipts_with_sum);
  const filed = num(requests[0]?.requests_filed);
  const withReceipt = num(withReceipts[0]?.requests_with_receipt);
  return {
    count: num(receipts[0]?.receipts),
    averageKopecks: withSum ? Math.round(num(receipts[0]?.receipts_sum_kopecks) / withSum) : null,
    requestsFiled: filed,
    requestsWithReceipt: withReceipt,
    withReceiptShare: filed ? withReceipt / filed : null,
  };
}
