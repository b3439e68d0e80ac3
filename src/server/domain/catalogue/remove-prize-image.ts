import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { assertActorRole } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { objectStorage } from "@/server/storage";
import { CATALOGUE_ROLES, prizeIdSchema } from "./prize-input";
import { logger } from "@/server/observability/logger";

export const removePrizeImageInput = z.object({
  prizeId: prizeIdSchema,
  imageId: z.uuid({ error: "Фото не найдено." }),
});

/**
 * Removes a prize's picture: the row in a transaction with its audit entry, the files after the commit
 * (a file left behind by a failed delete is harmless; a row pointing at a deleted file is not). Removing a
 * picture that is already gone changes nothing, so a double click is harmless.
 */
export async function removePrizeImage(actor: Actor, input: z.infer<typeof removePrizeImageInput>): Promise<{ removed: boolean }> {
  assertActorRole(actor, CATALOGUE_ROLES);
  const at = now();
  const removed = await db.$transaction(async (tx) => {
    const image = await tx.image.findFirst({ where: { id: input.imageId, prizeId: input.prizeId, kind: "PRIZE_IMAGE" }, select: { id: true, storageKey: true, thumbKey: true } });
    if (!image) return null;
    const deleted = await tx.image.deleteMany({ where: { id: image.id } });
    if (deleted.count !== 1) return null;
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.image.remove", entityType: "Prize", entityId: input.prizeId, data: { imageId: image.id }, at });
    return image;
  });
  if (!removed) return { removed: false };
  const keys = [removed.storageKey, removed.thumbKey].filter((key): key is string => Boolean(key));
  await Promise.all(keys.map((key) => objectStorage().delete(key))).catch((error: unknown) => {
    logger.error({ event: "remove-prize-image.delete-failed", imageId: removed.id, err: error }, `could not delete the files of image ${removed.id}`);
  });
  return { removed: true };
}
