"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { changeStaffRole, changeStaffRoleInput } from "@/server/domain/admin/change-staff-role";
import { inviteStaff, inviteStaffInput } from "@/server/domain/admin/invite-staff";
import { revokeStaffInvite, revokeStaffInviteInput } from "@/server/domain/admin/revoke-staff-invite";
import { setStaffActive, setStaffActiveInput } from "@/server/domain/admin/set-staff-active";
import { type ActionResult, toActionError } from "@/server/errors";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export async function inviteStaffAction(input: unknown): Promise<ActionResult<{ inviteId: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const { inviteId, queuedEmailId } = await inviteStaff(actor, inviteStaffInput.parse(input));
    // The invite is committed; the administrator does not wait on the email provider.
    if (queuedEmailId) deliverEmailAfterResponse(queuedEmailId);
    revalidatePath("/admin/staff");
    return { ok: true, data: { inviteId } };
  } catch (error) {
    return toActionError(error, "invite-staff");
  }
}

export async function revokeStaffInviteAction(input: unknown): Promise<ActionResult<{ revoked: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await revokeStaffInvite(actor, revokeStaffInviteInput.parse(input));
    revalidatePath("/admin/staff");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "revoke-staff-invite");
  }
}

export async function changeStaffRoleAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await changeStaffRole(actor, changeStaffRoleInput.parse(input));
    revalidatePath("/admin/staff");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "change-staff-role");
  }
}

export async function setStaffActiveAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await setStaffActive(actor, setStaffActiveInput.parse(input));
    revalidatePath("/admin/staff");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "set-staff-active");
  }
}
