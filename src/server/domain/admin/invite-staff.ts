import "server-only";
import { STAFF_INVITE_TEMPLATE, renderStaffInviteEmail } from "@emails/staff-invite";
import { z } from "zod";
import { STAFF_ROLE_LABEL } from "@/lib/admin-labels";
import { DAY_MS } from "@/lib/moscow-time";
import { STAFF_INVITE_DAYS } from "@/lib/rules/staff-invite";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { portalUrl } from "@/server/http/portal-url";
import { queueEmail } from "@/server/messaging/queue-email";
import { createInviteToken, lockStaffEmail, staffEmailSchema, staffRoleSchema } from "./staff-input";

export const inviteStaffInput = z.object({ email: staffEmailSchema, role: staffRoleSchema });

/**
 * Invites an address to a staff account with a role: a one-time link, valid STAFF_INVITE_DAYS, emailed
 * through the outbox in the invite's transaction. An earlier unused invite to the same address stops
 * working, so only the newest link (and role) counts. An address with an active account is refused (its
 * role is changed in the list instead); a deactivated account may be invited again, and accepting the
 * invite brings it back with the new role and password.
 */
export async function inviteStaff(actor: AdminActor, input: z.infer<typeof inviteStaffInput>): Promise<{ inviteId: number; queuedEmailId: number | null }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  const expiresAt = new Date(at.getTime() + STAFF_INVITE_DAYS * DAY_MS);
  const { token, tokenHash } = createInviteToken();
  // Rendered before the transaction, which stays short; the token is only known here.
  const email = await renderStaffInviteEmail({
    role: input.role,
    invitedBy: actor.name ?? actor.email ?? "Администратор",
    inviteUrl: portalUrl(`/login/staff/invite/${token}`),
    expiresAt,
    loginUrl: portalUrl("/login/staff"),
  });

  return db.$transaction(async (tx) => {
    await lockStaffEmail(tx, input.email);
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { role: true, isActive: true } });
    if (existing?.role === "CUSTOMER") throw new AppError("CONFLICT", "Этот адрес уже занят учётной записью участника — пригласите другой.", { fieldErrors: { email: "Адрес занят." } });
    if (existing?.isActive) {
      throw new AppError("CONFLICT", `У ${input.email} уже есть учётная запись (${STAFF_ROLE_LABEL[existing.role].toLowerCase()}). Роль меняется в списке сотрудников.`, {
        fieldErrors: { email: "У этого адреса уже есть учётная запись." },
      });
    }
    const revoked = await tx.staffInvite.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: at } });
    const invite = await tx.staffInvite.create({
      data: { email: input.email, role: input.role, tokenHash, expiresAt, invitedById: actor.id, createdAt: at },
      select: { id: true },
    });
    const queuedEmailId = await queueEmail(tx, { to: input.email, ...email, template: STAFF_INVITE_TEMPLATE, dedupeKey: `staff-invite:${invite.id}` });
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "staff-invite.create",
      entityType: "StaffInvite",
      entityId: invite.id,
      data: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString(), replacedInvites: revoked.count, reactivates: Boolean(existing) },
      at,
    });
    return { inviteId: invite.id, queuedEmailId };
  });
}
