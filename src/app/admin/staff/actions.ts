"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { changeStaffRole, changeStaffRoleInput } from "@/server/domain/admin/change-staff-role";
import { inviteStaff, inviteStaffInput } from "@/server/domain/admin/invite-staff";
import { revokeStaffInvite, revokeStaffInviteInput } from "@/server/domain/admin/revoke-staff-invite";
import { setStaffActive, setStaffActiveInput } from "@/server/domain/admin/set-staff-active";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export const inviteStaffAction = defineAction({
  name: "invite-staff",
  roles: AREA_ROLES.admin,
  input: inviteStaffInput,
  // Each invite emails an address the administrator typed.
  limits: [perActorLimit("invite-staff", 30, 10 * 60)],
  run: async ({ actor, input }) => {
    const { inviteId, queuedEmailId } = await inviteStaff(actor, input);
    // The invite is committed; the administrator does not wait on the email provider.
    if (queuedEmailId) deliverEmailAfterResponse(queuedEmailId);
    revalidatePath("/admin/staff");
    return { inviteId };
  },
});

export const revokeStaffInviteAction = defineAction({
  name: "revoke-staff-invite",
  roles: AREA_ROLES.admin,
  input: revokeStaffInviteInput,
  run: async ({ actor, input }) => {
    const result = await revokeStaffInvite(actor, input);
    revalidatePath("/admin/staff");
    return result;
  },
});

export const changeStaffRoleAction = defineAction({
  name: "change-staff-role",
  roles: AREA_ROLES.admin,
  input: changeStaffRoleInput,
  run: async ({ actor, input }) => {
    const result = await changeStaffRole(actor, input);
    revalidatePath("/admin/staff");
    return result;
  },
});

export const setStaffActiveAction = defineAction({
  name: "set-staff-active",
  roles: AREA_ROLES.admin,
  input: setStaffActiveInput,
  run: async ({ actor, input }) => {
    const result = await setStaffActive(actor, input);
    revalidatePath("/admin/staff");
    return result;
  },
});
