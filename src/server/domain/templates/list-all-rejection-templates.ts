import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";

/** Every rejection template, active and hidden, in the order moderators see them. */
export async function listAllRejectionTemplates(actor: AdminActor) {
  assertActorRole(actor, AREA_ROLES.admin);
  return db.rejectionTemplate.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, partKind: true, title: true, text: true, isActive: true, updatedAt: true },
  });
}
