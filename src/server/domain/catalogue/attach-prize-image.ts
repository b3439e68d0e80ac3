import "server-only";
import { z } from "zod";
import { PRIZE_LIMITS } from "@/lib/rules/prize-catalogue";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { processImage } from "@/server/images/process-image";
import { storeProcessedImage } from "@/server/images/store-image";
import { prizeIdSchema } from "./prize-input";

export const attachPrizeImageInput = z.object({ prizeId: prizeIdSchema });

/**
 * Adds an uploaded picture at the end of a prize's pictures (the first one is the catalogue's cover). The
 * file is checked and re-encoded like every upload (metadata dropped); the brand owns it (no owner), and
 * every signed-in shopper may see it (get-image-for-viewer.ts).
 */
export async function attachPrizeImage(actor: StaffActor, input: z.infer<typeof attachPrizeImageInput> & { bytes: Buffer }): Promise<{ id: string }> {
  assertActorRole(actor, AREA_ROLES.staff);
  // Decoding is the slow part: done before the transaction, which then only writes.
  const processed = await processImage(input.bytes);
  const at = now();
  return db.$transaction(async (tx) => {
    // Locked so two uploads at once take different places and both count towards the limit.
    const [prize] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM prizes WHERE id = ${input.prizeId} FOR UPDATE`;
    if (!prize) throw new AppError("NOT_FOUND", "Приз не найден.");
    const existing = await tx.image.aggregate({ where: { prizeId: input.prizeId, kind: "PRIZE_IMAGE" }, _count: { _all: true }, _max: { position: true } });
    if (existing._count._all >= PRIZE_LIMITS.maxImages) {
      throw new AppError("VALIDATION", `У приза уже ${PRIZE_LIMITS.maxImages} фото — удалите лишнее, чтобы добавить новое.`);
    }
    const position = (existing._max.position ?? -1) + 1;
    const { id } = await storeProcessedImage(tx, { ownerId: null, kind: "PRIZE_IMAGE", processed, prizeId: input.prizeId, position });
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.image.attach", entityType: "Prize", entityId: input.prizeId, data: { imageId: id, position }, at });
    return { id };
  });
}
