"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { adjustPoints, adjustPointsInput } from "@/server/domain/admin/adjust-points";
import { defineAction } from "@/server/http/define-action";

export const adjustPointsAction = defineAction({
  name: "adjust-points",
  roles: AREA_ROLES.admin,
  input: adjustPointsInput,
  run: async ({ actor, input }) => {
    const result = await adjustPoints(actor, input);
    revalidatePath("/admin/points");
    return result;
  },
});
