import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const revokeStaffInviteInput = z.object({ inviteId: z.coerce.number({ error: "Приглашение не найдено." }).int().positive("Приглашение не найдено.") });

/** Makes an unused invite link stop working (sent to a wrong address, or no longer wanted). */
export async function revokeStaffInvite(actor: AdminActor, input: z.infer<typeof revokeStaffInviteInput>): Promise<{ revoked: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    // Conditional, so a revoke racing the acceptance (or another revoke) changes nothing twice.
    const { count } = await tx.staffInvite.updateMany({ where: { id: input.inviteId, acceptedAt: null, revokedAt: null }, data: { revokedAt: at } });
    if (count === 0) {
      const invite = await tx.staffInvite.findUnique({ where: { id: input.inviteId }, select: { acceptedAt: true } });
      if (!invite) throw new AppError("NOT_FOUND", "Приглашение не найдено — обновите страницу.");
      if (invite.acceptedAt) throw new AppError("CONFLICT", "Приглашение уже принято: учётная запись создана, её можно отключить в списке сотрудников.");
      return { revoked: false };
    }
    const invite = await tx.staffInvite.findUniqueOrThrow({ where: { id: input.inviteId }, select: { email: true, role: true } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "staff-invite.revoke", entityType: "StaffInvite", entityId: input.inviteId, data: invite, at });
    return { revoked: true };
  });
}
