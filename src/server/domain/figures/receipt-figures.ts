import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
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
  const [receipts, share] = await Promise.all([
    db.$queryRaw<{ count: bigint; average: number | null }[]>(Prisma.sql`
      SELECT count(*) AS count, round(avg(total_kopecks))::float8 AS average
        FROM receipts WHERE created_at >= ${range.startSql} AND created_at < ${range.endSql}`),
    db.$queryRaw<{ filed: bigint; with_receipt: bigint }[]>(Prisma.sql`
      SELECT count(*) AS filed,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM request_parts p WHERE p.request_id = r.id AND p.kind = 'RECEIPT')) AS with_receipt
        FROM review_requests r
       WHERE r.filed_at >= ${range.startSql} AND r.filed_at < ${range.endSql}`),
  ]);
  const filed = num(share[0]?.filed);
  const withReceipt = num(share[0]?.with_receipt);
  return {
    count: num(receipts[0]?.count),
    averageKopecks: receipts[0]?.average ?? null,
    requestsFiled: filed,
    requestsWithReceipt: withReceipt,
    withReceiptShare: filed ? withReceipt / filed : null,
  };
}
