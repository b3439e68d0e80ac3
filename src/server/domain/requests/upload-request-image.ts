import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { processImage } from "@/server/images/process-image";
import { storeProcessedImage } from "@/server/images/store-image";
import { consumeRateLimit } from "@/server/rate-limit";
import { qrBoxInStoredImage } from "@/server/receipts/qr/qr-box";
import { decodeReceiptQr } from "@/server/receipts/qr/decode-receipt-qr";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { assessReceipt } from "./assess-receipt";

export const uploadRequestImageInput = z.object({
  kind: z.enum(["REVIEW_SCREENSHOT", "RECEIPT_PHOTO"], { error: "Непонятно, что это за файл: скриншот отзыва или чек." }),
});

export interface UploadedRequestImage {
  id: string;
  kind: "REVIEW_SCREENSHOT" | "RECEIPT_PHOTO";
  width: number;
  height: number;
  /** Receipt photos: what the server read from the QR code, shown to the shopper before filing. */
  receipt?: { verdict: "FISCAL" | "UNREADABLE" | "REFUSED"; message?: string; purchasedAt?: string; totalKopecks?: number };
}

/**
 * Stores one image of a future request (a screenshot of the review or a receipt photo) as the shopper's
 * own, not yet attached to any request: uploads happen one by one with progress, before filing, so a
 * failure anywhere later loses nothing already uploaded. Receipt photos are decoded here, on the server.
 */
export async function uploadRequestImage(
  actor: Actor,
  input: z.infer<typeof uploadRequestImageInput> & { bytes: Buffer },
): Promise<UploadedRequestImage> {
  const at = now();
  await db.$transaction((tx) =>
    consumeRateLimit(tx, "image-upload", String(actor.id), [{ limit: 120, windowSeconds: 60 * 60 }], {
      tooMany: (wait) => `Слишком много загрузок подряд. Попробуйте ${wait}.`,
    }, at),
  );
  const processed = await processImage(input.bytes);

  if (input.kind === "REVIEW_SCREENSHOT") {
    const { id } = await storeProcessedImage(db, { ownerId: actor.id, kind: input.kind, processed });
    return { id, kind: input.kind, width: processed.full.width, height: processed.full.height };
  }

  const decoded = await decodeReceiptQr(input.bytes);
  // The fiscal code when there is one; otherwise whatever code was read, so the shopper learns it is not a receipt.
  const qrText = decoded.fiscalText ?? decoded.texts[0] ?? null;
  // Where that code is, on the copy the moderator sees (oriented and possibly downscaled): the viewer opens on it.
  const qrBox = qrText === null ? null : qrBoxInStoredImage(decoded.quads[decoded.texts.indexOf(qrText)], decoded.frame, processed.full);
  const { id } = await storeProcessedImage(db, { ownerId: actor.id, kind: input.kind, processed, qrText, qrBox });
  const assessment = assessReceipt(qrText, await getProgrammeSettings(), at);
  return {
    id,
    kind: input.kind,
    width: processed.full.width,
    height: processed.full.height,
    receipt:
      assessment.verdict === "FISCAL"
        ? { verdict: "FISCAL", purchasedAt: assessment.fields.purchasedAt.toISOString(), totalKopecks: assessment.fields.totalKopecks }
        : { verdict: assessment.verdict, message: assessment.message },
  };
}
