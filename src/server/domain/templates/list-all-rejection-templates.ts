import "server-only";
import { assertActorRole } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** Every rejection template, active and hidden, in the order moderators see them. */
export async function listAllRejectionTemplates(actor: Actor) {
  assertActorRole(actor, ["ADMIN"]);
  return db.rejectionTemplate.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, partKind: true, title: true, text: true, isActive: true, updatedAt: true },
  });
}
