import "server-only";
import type { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { lockTemplates, partKindValue, rejectionTemplateFields } from "./rejection-template-input";

export const createRejectionTemplateInput = rejectionTemplateFields;

/** Adds an active rejection template at the end of the list, with its audit row. */
export async function createRejectionTemplate(actor: AdminActor, input: z.infer<typeof createRejectionTemplateInput>): Promise<{ id: number }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    // Locked so that two templates created at once do not take the same place in the order.
    await lockTemplates(tx);
    const last = await tx.rejectionTemplate.aggregate({ _max: { sortOrder: true } });
    const created = await tx.rejectionTemplate.create({
      data: { title: input.title, text: input.text, partKind: partKindValue(input.partKind), sortOrder: (last._max.sortOrder ?? 0) + 1, isActive: true },
      select: { id: true, title: true, text: true, partKind: true, sortOrder: true },
    });
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "rejection-template.create",
      entityType: "RejectionTemplate",
      entityId: created.id,
      data: { title: created.title, text: created.text, partKind: created.partKind, sortOrder: created.sortOrder },
      at,
    });
    return { id: created.id };
  });
}
