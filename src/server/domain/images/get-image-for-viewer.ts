import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { type Prisma, db } from "@/server/db/client";
import { isErasedImageKey } from "@/server/domain/privacy/erased-image-key";
import { AppError } from "@/server/errors";
import { objectStorage } from "@/server/storage";
import { logger } from "@/server/observability/logger";

export const getImageForViewerInput = z.object({
  id: z.uuid(),
  variant: z.enum(["full", "thumb"]),
});

export interface ImageForViewer {
  bytes: Buffer;
  contentType: string;
}

const NOT_FOUND_MESSAGE = "Изображение не найдено.";
const SERVABLE_TYPE = /^image\/(?:webp|jpeg|png|avif)$/;

/**
 * An image's bytes for the person asking. Shoppers see their own images (ownership is part of the query,
 * not a check after it) and prize pictures; moderators, staff and administrators see every image. Anything
 * else is "not found", so nobody learns that another shopper's image exists.
 */
export async function getImageForViewer(actor: Actor, input: z.input<typeof getImageForViewerInput>): Promise<ImageForViewer> {
  const parsed = getImageForViewerInput.safeParse(input);
  if (!parsed.success) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const { id, variant } = parsed.data;

  const where = visibleTo(actor, id);
  if (!where) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const image = await db.image.findFirst({ where, select: { storageKey: true, thumbKey: true, mimeType: true } });
  if (!image) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  // Deleted with its owner's personal data (delete-shopper-data.ts): gone on purpose, nothing to log.
  if (isErasedImageKey(image.storageKey)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);

  const key = variant === "thumb" ? (image.thumbKey ?? image.storageKey) : image.storageKey;
  const stored = await objectStorage().get(key);
  if (!stored) {
    // The row says the file exists: a lost file is an operations problem, not the viewer's.
    logger.error({ event: "image.file-missing", imageId: id, key }, `image ${id} has no file at ${key}`);
    throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  }
  // Only image types ever reach the browser under our origin, whatever a storage backend answers.
  const contentType = [stored.contentType, image.mimeType].find((type) => SERVABLE_TYPE.test(type)) ?? "application/octet-stream";
  return { bytes: stored.bytes, contentType };
}

function visibleTo(actor: Actor, id: string): Prisma.ImageWhereInput | null {
  switch (actor.role) {
    case "CUSTOMER":
      return { id, OR: [{ ownerId: actor.id }, { kind: "PRIZE_IMAGE" }] };
    case "MODERATOR":
    case "STAFF":
    case "ADMIN":
      return { id };
    default:
      return null;
  }
}
