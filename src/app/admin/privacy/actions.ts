"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { deleteShopperData, deleteShopperDataInput } from "@/server/domain/privacy/delete-shopper-data";
import { defineAction } from "@/server/http/define-action";

export const deleteShopperDataAction = defineAction({
  name: "delete-shopper-data",
  roles: AREA_ROLES.admin,
  input: deleteShopperDataInput,
  run: async ({ actor, input }) => {
    const result = await deleteShopperData(actor, input);
    revalidatePath("/admin/privacy");
    return result;
  },
});
