"use server";

import { AREA_ROLES } from "@/server/auth/session";
import { deleteShopperData, deleteShopperDataInput } from "@/server/domain/privacy/delete-shopper-data";
import { defineAction } from "@/server/http/define-action";

/** The shopper deletes their own data; the form signs them out on success (the account is inactive from now on). */
export const deleteMyDataAction = defineAction({
  name: "delete-my-data",
  roles: AREA_ROLES.cabinet,
  // Only the confirmation is taken from the form: whose data it is comes from the session.
  input: deleteShopperDataInput.pick({ confirmation: true }),
  run: async ({ actor, input }) => {
    const result = await deleteShopperData(actor, { confirmation: input.confirmation });
    return { pointsWrittenOff: result.changed ? result.pointsWrittenOff : 0 };
  },
});
