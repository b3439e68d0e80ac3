import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { templateIdSchema } from "./rejection-template-input";

export const setRejectionTemplateActiveInput = z.object({ id: templateIdSchema, isActive: z.boolean() });

/**
 * Shows a template to moderators again or hides it (hiding rather than deleting keeps the audit trail
 * readable and lets a seasonal reason come back). Setting the state it already has changes nothing.
 */
export async function setRejectionTemplateActive(actor: AdminActor, input: z.infer<typeof setRejectionTemplateActiveInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    // Conditional: two clicks (or two administrators) flip it and write the audit row once.
    const { count } = await tx.rejectionTemplate.updateMany({ where: { id: input.id, isActive: !input.isActive }, data: { isActive: input.isActive } });
    if (count === 0) {
      const exists = await tx.rejectionTemplate.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!exists) throw new AppError("NOT_FOUND", "Шаблон не найден — обновите страницу.");
      return { changed: false };
    }
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: input.isActive ? "rejection-template.activate" : "rejection-template.deactivate",
      entityType: "RejectionTemplate",
      entityId: input.id,
      at,
    });
    return { changed: true };
  });
}
