"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { type AdjustPointsResult, adjustPoints, adjustPointsInput } from "@/server/domain/admin/adjust-points";
import { type ActionResult, toActionError } from "@/server/errors";

export async function adjustPointsAction(input: unknown): Promise<ActionResult<AdjustPointsResult>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await adjustPoints(actor, adjustPointsInput.parse(input));
    revalidatePath("/admin/points");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "adjust-points");
  }
}
