import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { type Prisma, db } from "@/server/db/client";
import { isErasedImageKey } from "@/server/domain/privacy/erased-image-key";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { objectStorage } from "@/server/storage";

export const getImageForViewerInput = z.object({
  id: z.uuid(),
  variant: z.enum(["full", "thumb"]),
});

export interface ImageForViewer {
  /** A strong validator, from the row alone: a revalidation (304) never touches storage. */
  etag: string;
  /** The file as a stream, never read whole; NOT_FOUND when the row's file is lost. */
  open(): Promise<OpenedImage>;
}

export interface OpenedImage {
  body: ReadableStream<Uint8Array>;
  size: number | null;
  contentType: string;
}

const NOT_FOUND_MESSAGE = "Изображение не найдено.";
const SERVABLE_TYPE = /^image\/(?:webp|jpeg|png|avif)$/;

/**
 * An image for the person asking (its ETag, and its bytes on demand). Shoppers see their own images (ownership is part of the query,
 * not a check after it) and prize pictures; moderators, staff and administrators see every image. Anything
 * else is "not found", so nobody learns that another shopper's image exists.
 */
export async function getImageForViewer(actor: Actor, input: z.input<typeof getImageForViewerInput>): Promise<ImageForViewer> {
  const parsed = getImageForViewerInput.safeParse(input);
  if (!parsed.success) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const { id, variant } = parsed.data;

  const where = visibleTo(actor, id);
  if (!where) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const image = await db.image.findFirst({ where, select: { storageKey: true, thumbKey: true, mimeType: true, sha256: true } });
  if (!image) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  // Deleted with its owner's personal data (delete-shopper-data.ts): gone on purpose, nothing to log.
  if (isErasedImageKey(image.storageKey)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);

  const key = variant === "thumb" ? (image.thumbKey ?? image.storageKey) : image.storageKey;
  return {
    etag: imageEtag({ id, variant, sha256: image.sha256 }),
    open: async () => {
      const stored = await objectStorage().open(key);
      if (!stored) {
        // The row says the file exists: a lost file is an operations problem, not the viewer's.
        logger.error({ event: "image.file_missing", imageId: id, key }, `image ${id} has no file at ${key}`);
        throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
      }
      // Only image types ever reach the browser under our origin, whatever a storage backend answers.
      const contentType = [stored.contentType, image.mimeType].find((type) => SERVABLE_TYPE.test(type)) ?? "application/octet-stream";
      return { body: stored.body, size: stored.size, contentType };
    },
  };
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

/**
 * A strong validator of an image's variant: the files under an image's id are written once and never
 * replaced, so the id, the variant and the upload's hash name exactly one sequence of bytes.
 */
export function imageEtag(image: { id: string; variant: "full" | "thumb"; sha256: string }): string {
  const digest = createHash("sha256").update(image.id).update("\0").update(image.variant).update("\0").update(image.sha256).digest("base64url");
  return `"${digest}"`;
}
