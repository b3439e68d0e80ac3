"use server";

import { acceptStaffInvite, acceptStaffInviteInput } from "@/server/domain/admin/accept-staff-invite";
import { type ActionResult, toActionError } from "@/server/errors";

/** Public: the invite link's token is the credential (no session yet). */
export async function acceptStaffInviteAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const { email } = await acceptStaffInvite(acceptStaffInviteInput.parse(input));
    return { ok: true, data: { email } };
  } catch (error) {
    return toActionError(error, "accept-staff-invite");
  }
}
