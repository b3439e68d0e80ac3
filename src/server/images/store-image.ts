import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { ImageKind } from "@/generated/prisma/enums";
import type { QrBox } from "@/server/receipts/qr/qr-box";
import { now } from "@/server/clock";
import type { Db, Tx } from "@/server/db/client";
import { objectStorage } from "@/server/storage";
import type { ProcessedImage } from "./process-image";
import { logger } from "@/server/observability/logger";

export interface StoreProcessedImageInput {
  /** The uploading shopper; null for images the brand owns (prize pictures). */
  ownerId: number | null;
  kind: ImageKind;
  processed: ProcessedImage;
  /** Receipt photos: the QR text decoded at upload, null when none was found; omit when not decoded. */
  qrText?: string | null;
  /** Receipt photos: where that code is on the stored copy (see qr-box.ts), null when unknown. */
  qrBox?: QrBox | null;
  /** Where the image belongs, when already known (otherwise attached when the request is filed). */
  partId?: number;
  attempt?: number;
  position?: number;
  prizeId?: number;
}

/** Where an image's two copies live: `images/<id>/full.webp` and `images/<id>/thumb.webp`. */
export function imageStorageKeys(id: string): { storageKey: string; thumbKey: string } {
  return { storageKey: `images/${id}/full.webp`, thumbKey: `images/${id}/thumb.webp` };
}

/**
 * Writes both copies of a processed image, then its `Image` row. Files first: a row never points at
 * nothing. If the row cannot be written, the files are removed again. (Inside a transaction that rolls
 * back later, the files stay behind as orphans without a row: harmless, and findable by their id.)
 */
export async function storeProcessedImage(client: Db | Tx, input: StoreProcessedImageInput): Promise<{ id: string }> {
  const id = randomUUID();
  const { storageKey, thumbKey } = imageStorageKeys(id);
  const { full, thumb } = input.processed;
  const storage = objectStorage();

  try {
    await Promise.all([storage.put(storageKey, full.bytes, full.mimeType), storage.put(thumbKey, thumb.bytes, thumb.mimeType)]);
    await client.image.create({
      data: {
        id,
        kind: input.kind,
        ownerId: input.ownerId,
        partId: input.partId,
        attempt: input.attempt,
        position: input.position,
        prizeId: input.prizeId,
        storageKey,
        thumbKey,
        mimeType: full.mimeType,
        width: full.width,
        height: full.height,
        bytes: full.bytes.length,
        sha256: input.processed.sha256,
        perceptualHash: input.processed.perceptualHash,
        qrText: input.qrText ?? null,
        qrDecodedAt: input.qrText === undefined ? null : now(),
        qrBox: input.qrBox ?? Prisma.DbNull,
      },
      select: { id: true },
    });
  } catch (error) {
    await Promise.all([storageKey, thumbKey].map((key) => storage.delete(key))).catch((cleanupError: unknown) => {
      logger.error({ event: "store-image.cleanup-failed", imageId: id, err: cleanupError }, `could not remove the files of image ${id} after a failed insert`);
    });
    throw error;
  }
  return { id };
}
