import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { lockTemplates, templateIdSchema } from "./rejection-template-input";

export const moveRejectionTemplateInput = z.object({
  id: templateIdSchema,
  direction: z.enum(["UP", "DOWN"], { error: "Укажите, куда переместить шаблон." }),
});

/**
 * Moves a template one place up or down the list moderators see (hidden templates keep their places
 * too). The whole list is renumbered 1…n in the new order, so equal or sparse sort orders (templates
 * added by hand or by the seed) cannot make a move do nothing. At either end, nothing moves.
 */
export async function moveRejectionTemplate(actor: AdminActor, input: z.infer<typeof moveRejectionTemplateInput>): Promise<{ moved: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    await lockTemplates(tx);
    const templates = await tx.rejectionTemplate.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, sortOrder: true } });
    const from = templates.findIndex((template) => template.id === input.id);
    if (from === -1) throw new AppError("NOT_FOUND", "Шаблон не найден — обновите страницу.");
    const to = input.direction === "UP" ? from - 1 : from + 1;
    if (to < 0 || to >= templates.length) return { moved: false };

    const order = templates.map((template) => template.id);
    [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [index, id] of order.entries()) {
      if (templates.find((template) => template.id === id)!.sortOrder !== index + 1) {
        await tx.rejectionTemplate.update({ where: { id }, data: { sortOrder: index + 1 } });
      }
    }
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "rejection-template.move",
      entityType: "RejectionTemplate",
      entityId: input.id,
      data: { direction: input.direction, from: from + 1, to: to + 1 },
      at,
    });
    return { moved: true };
  });
}
