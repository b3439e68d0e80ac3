"use server";

import { acceptStaffInvite, acceptStaffInviteInput } from "@/server/domain/admin/accept-staff-invite";
import { defineAction } from "@/server/http/define-action";
import { perIpLimit } from "@/server/http/edge-limits";

/** Public: the invite link's token is the credential (no session yet). */
export const acceptStaffInviteAction = defineAction({
  name: "accept-staff-invite",
  roles: "public",
  input: acceptStaffInviteInput,
  // Each try hashes a password (argon2id, deliberately slow) and tests a token.
  limits: [perIpLimit("accept-staff-invite-ip", 20, 15 * 60)],
  run: async ({ input }) => {
    const { email } = await acceptStaffInvite(input);
    return { email };
  },
});
