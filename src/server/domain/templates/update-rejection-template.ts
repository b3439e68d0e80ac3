import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { partKindValue, rejectionTemplateFields, templateIdSchema } from "./rejection-template-input";

export const updateRejectionTemplateInput = rejectionTemplateFields.extend({ id: templateIdSchema });

/**
 * Changes a template's title, text and part. Rejections already written keep their comment: the text
 * is copied into the decision, never referenced.
 */
export async function updateRejectionTemplate(actor: AdminActor, input: z.infer<typeof updateRejectionTemplateInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  const after = { title: input.title, text: input.text, partKind: partKindValue(input.partKind) };
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ title: string; text: string; part_kind: string | null }[]>`
      SELECT title, text, part_kind::text FROM rejection_templates WHERE id = ${input.id} FOR UPDATE`;
    if (!before) throw new AppError("NOT_FOUND", "Шаблон не найден — обновите страницу.");
    if (before.title === after.title && before.text === after.text && before.part_kind === after.partKind) return { changed: false };
    await tx.rejectionTemplate.update({ where: { id: input.id }, data: after });
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "rejection-template.update",
      entityType: "RejectionTemplate",
      entityId: input.id,
      data: { before: { title: before.title, text: before.text, partKind: before.part_kind }, after },
      at,
    });
    return { changed: true };
  });
}
