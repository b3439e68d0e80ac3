import "server-only";
import type { ImageKind } from "@/generated/prisma/enums";
import { receiptChecker } from "@/server/adapters/receipt-check";
import type { Db, Tx } from "@/server/db/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { ReceiptAssessment } from "./assess-receipt";
import { logger } from "@/server/observability/logger";

// Steps shared by filing a request and re-submitting a rejected part.

export interface UnattachedImage {
  id: string;
  sha256: string;
  perceptualHash: bigint | null;
  qrText: string | null;
}

/** The shopper's own uploaded images of a kind that no request uses yet (ownership in the query). */
export async function loadUnattachedImages(client: Db | Tx, ownerId: number, ids: string[], kind: ImageKind): Promise<UnattachedImage[]> {
  const rows = await client.image.findMany({
    where: { id: { in: ids }, ownerId, kind, partId: null },
    select: { id: true, sha256: true, perceptualHash: true, qrText: true },
  });
  // Keep the shopper's order.
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Attaches images to a part, in the given order. The update is conditional (still unattached, still
 * the shopper's), so two submits racing for the same images cannot both take them.
 */
export async function attachImages(tx: Tx, ownerId: number, ids: string[], partId: number, attempt: number): Promise<void> {
  for (const [position, id] of ids.entries()) {
    const { count } = await tx.image.updateMany({ where: { id, ownerId, partId: null }, data: { partId, attempt, position } });
    if (count !== 1) {
      throw new AppError("CONFLICT", "Эти фото уже отправлены в другой заявке. Загрузите их ещё раз.");
    }
  }
}

/** Stores what the server read from a receipt photo, for the moderator. */
export async function recordReceipt(
  tx: Tx,
  input: { partId: number; attempt: number; image: UnattachedImage; assessment: Exclude<ReceiptAssessment, { verdict: "REFUSED" }> },
): Promise<{ id: number; fiscalKey: string | null; checkable: boolean }> {
  const { assessment } = input;
  const fiscal = assessment.verdict === "FISCAL" ? assessment : null;
  const receipt = await tx.receipt.create({
    data: {
      partId: input.partId,
      imageId: input.image.id,
      attempt: input.attempt,
      qrText: input.image.qrText,
      fiscalDriveNumber: fiscal?.fields.fiscalDriveNumber,
      fiscalDocumentNumber: fiscal?.fields.fiscalDocumentNumber,
      fiscalSign: fiscal?.fields.fiscalSign,
      operationType: fiscal?.fields.operationType,
      purchasedAt: fiscal?.fields.purchasedAt,
      totalKopecks: fiscal?.fields.totalKopecks,
      fiscalKey: fiscal?.key ?? null,
      problem: assessment.verdict === "UNREADABLE" ? "QR-код не распознан" : null,
    },
    select: { id: true },
  });
  return { id: receipt.id, fiscalKey: fiscal?.key ?? null, checkable: fiscal !== null };
}

/**
 * Asks the receipt-check service (when configured) about a receipt and stores its answer for the
 * moderator. Runs after the request is committed: a slow or failing service never blocks filing.
 */
export async function runReceiptCheck(receipt: { id: number; qrText: string }): Promise<void> {
  const checker = receiptChecker();
  try {
    const result = await checker.check(receipt.qrText);
    if (result.status === "NOT_CHECKED") return;
    const failed = result.status === "NOT_FOUND" || result.status === "FAILED";
    await db.$transaction([
      db.receipt.update({
        where: { id: receipt.id },
        data: { checkStatus: result.status, checkResult: JSON.parse(JSON.stringify(result)), checkedAt: new Date() },
      }),
      // The queue's "receipt check failed" filter reads the request's own column; only the part's
      // current receipt speaks for it (an older attempt's late answer does not).
      db.$executeRaw`
        UPDATE review_requests r SET receipt_check_failed = ${failed}
          FROM receipts c JOIN request_parts p ON p.id = c.part_id AND p.attempt = c.attempt
         WHERE c.id = ${receipt.id} AND r.id = p.request_id`,
    ]);
  } catch (error) {
    logger.error({ event: "receipt-check.failed", checker: checker.name, receiptId: receipt.id, err: error }, `receipt-check: ${checker.name} failed for receipt ${receipt.id}`);
  }
}
