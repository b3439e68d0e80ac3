"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { updateProgrammeSettings, updateProgrammeSettingsInput } from "@/server/domain/admin/update-programme-settings";
import { type ActionResult, toActionError } from "@/server/errors";

export async function updateProgrammeSettingsAction(input: unknown): Promise<ActionResult<{ changed: string[] }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await updateProgrammeSettings(actor, updateProgrammeSettingsInput.parse(input));
    revalidatePath("/admin/settings");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "update-programme-settings");
  }
}
