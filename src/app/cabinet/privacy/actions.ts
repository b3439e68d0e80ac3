"use server";

import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { deleteShopperData, deleteShopperDataInput } from "@/server/domain/privacy/delete-shopper-data";
import { type ActionResult, toActionError } from "@/server/errors";

/** The shopper deletes their own data; the form signs them out on success (the account is inactive from now on). */
export async function deleteMyDataAction(input: unknown): Promise<ActionResult<{ pointsWrittenOff: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    // Only the confirmation is taken from the form: whose data it is comes from the session.
    const { confirmation } = deleteShopperDataInput.pick({ confirmation: true }).parse(input);
    const result = await deleteShopperData(actor, { confirmation });
    return { ok: true, data: { pointsWrittenOff: result.changed ? result.pointsWrittenOff : 0 } };
  } catch (error) {
    return toActionError(error, "delete-my-data");
  }
}
