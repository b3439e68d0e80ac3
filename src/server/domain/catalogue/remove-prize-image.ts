import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { deleteStoredObjects } from "@/server/domain/storage/delete-stored-objects";
import { queueObjectDeletions } from "@/server/domain/storage/queue-object-deletions";
import { prizeIdSchema } from "./prize-input";

export const removePrizeImageInput = z.object({
  prizeId: prizeIdSchema,
  imageId: z.uuid({ error: "Фото не найдено." }),
});

/**
 * Removes a prize's picture: the row in a transaction with its audit entry and the record of its files to
 * delete, the files after the commit (a row pointing at a deleted file would be broken; a failed delete
 * stays recorded and the storage-deletions job retries it). Removing a
 * picture that is already gone changes nothing, so a double click is harmless.
 */
export async function removePrizeImage(actor: StaffActor, input: z.infer<typeof removePrizeImageInput>): Promise<{ removed: boolean }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const at = now();
  const removed = await db.$transaction(async (tx) => {
    const image = await tx.image.findFirst({ where: { id: input.imageId, prizeId: input.prizeId, kind: "PRIZE_IMAGE" }, select: { id: true, storageKey: true, thumbKey: true } });
    if (!image) return null;
    const deleted = await tx.image.deleteMany({ where: { id: image.id } });
    if (deleted.count !== 1) return null;
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.image.remove", entityType: "Prize", entityId: input.prizeId, data: { imageId: image.id }, at });
    await queueObjectDeletions(tx, keysOf(image), "prize-image");
    return image;
  });
  if (!removed) return { removed: false };
  await deleteStoredObjects(keysOf(removed), "prize-image");
  return { removed: true };
}

function keysOf(image: { storageKey: string; thumbKey: string | null }): string[] {
  return [image.storageKey, image.thumbKey].filter((key): key is string => Boolean(key));
}
