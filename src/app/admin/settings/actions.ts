"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { updateAutomationRules, updateAutomationRulesInput } from "@/server/domain/admin/update-automation-rules";
import { updateProgrammeSettings, updateProgrammeSettingsInput } from "@/server/domain/admin/update-programme-settings";
import { defineAction } from "@/server/http/define-action";

export const updateProgrammeSettingsAction = defineAction({
  name: "update-programme-settings",
  roles: AREA_ROLES.admin,
  input: updateProgrammeSettingsInput,
  run: async ({ actor, input }) => {
    const result = await updateProgrammeSettings(actor, input);
    revalidatePath("/admin/settings");
    return result;
  },
});

export const updateAutomationRulesAction = defineAction({
  name: "update-automation-rules",
  roles: AREA_ROLES.admin,
  input: updateAutomationRulesInput,
  run: async ({ actor, input }) => {
    const result = await updateAutomationRules(actor, input);
    revalidatePath("/admin/settings");
    return result;
  },
});
