import "server-only";
import type { ImageKind } from "@/generated/prisma/enums";
import { onlineReceiptCheck } from "@/server/adapters/receipt-check";
import { now } from "@/server/clock";
import type { Db, Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { ReceiptAssessment } from "./assess-receipt";

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
): Promise<{ id: number; fiscalKey: string | null; /** Marked CHECKING: queue its check once committed. */ checkable: boolean }> {
  const { assessment } = input;
  const fiscal = assessment.verdict === "FISCAL" ? assessment : null;
  const checkable = fiscal !== null && onlineReceiptCheck();
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
      // Marked in the filing transaction: the durable record of the online check the worker owes (see
      // src/server/domain/receipt-checks). Offline, nothing is queued: the answer would be NOT_CHECKED anyway.
      ...(checkable && { checkStatus: "CHECKING" as const, checkNextAt: now() }),
    },
    select: { id: true },
  });
  return { id: receipt.id, fiscalKey: fiscal?.key ?? null, checkable };
}
