"use server";

import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/session";
import { signOutEverywhere } from "@/server/domain/auth/sign-out-everywhere";
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

/** Ends every session of the shopper, this one included; the form then clears this browser's cookie. */
export const signOutEverywhereAction = defineAction({
  name: "sign-out-everywhere",
  roles: AREA_ROLES.cabinet,
  input: z.object({}),
  run: async ({ actor }) => {
    await signOutEverywhere(actor);
    return null;
  },
});
