import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

/** Every staff account (active first) and the invites still waiting to be accepted. */
export async function listStaff(actor: AdminActor) {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  const [users, invites] = await Promise.all([
    db.user.findMany({
      where: { role: { not: "CUSTOMER" } },
      orderBy: [{ isActive: "desc" }, { role: "asc" }, { email: "asc" }],
      select: { id: true, email: true, name: true, role: true, isActive: true, lastLoginAt: true, createdAt: true },
    }),
    db.staffInvite.findMany({
      where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: at } },
      orderBy: { id: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
    }),
  ]);
  return { users, invites };
}
