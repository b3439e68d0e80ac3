"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { type DeletionOutcome, deleteShopperData, deleteShopperDataInput } from "@/server/domain/privacy/delete-shopper-data";
import { type ActionResult, toActionError } from "@/server/errors";

export async function deleteShopperDataAction(input: unknown): Promise<ActionResult<DeletionOutcome>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await deleteShopperData(actor, deleteShopperDataInput.parse(input));
    revalidatePath("/admin/privacy");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "delete-shopper-data");
  }
}
