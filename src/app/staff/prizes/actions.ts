"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { createPrize, createPrizeInput } from "@/server/domain/catalogue/create-prize";
import { type ImportedCodes, importPrizeCodes, importPrizeCodesInput } from "@/server/domain/catalogue/import-prize-codes";
import { removePrizeImage, removePrizeImageInput } from "@/server/domain/catalogue/remove-prize-image";
import { updatePrize, updatePrizeInput } from "@/server/domain/catalogue/update-prize";
import { type ActionResult, toActionError } from "@/server/errors";

/** Every page that shows prizes: the staff's lists and the shoppers' catalogue. */
function revalidatePrizes(id?: number) {
  revalidatePath("/staff");
  revalidatePath("/staff/prizes");
  if (id) revalidatePath(`/staff/prizes/${id}`);
  revalidatePath("/cabinet/prizes");
}

export async function createPrizeAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const created = await createPrize(actor, createPrizeInput.parse(input));
    revalidatePrizes(created.id);
    return { ok: true, data: created };
  } catch (error) {
    return toActionError(error, "create-prize");
  }
}

export async function updatePrizeAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = updatePrizeInput.parse(input);
    const result = await updatePrize(actor, parsed);
    revalidatePrizes(parsed.id);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "update-prize");
  }
}

export async function importPrizeCodesAction(input: unknown): Promise<ActionResult<ImportedCodes>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = importPrizeCodesInput.parse(input);
    const result = await importPrizeCodes(actor, parsed);
    revalidatePrizes(parsed.prizeId);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "import-prize-codes");
  }
}

export async function removePrizeImageAction(input: unknown): Promise<ActionResult<{ removed: boolean }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = removePrizeImageInput.parse(input);
    const result = await removePrizeImage(actor, parsed);
    revalidatePrizes(parsed.prizeId);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "remove-prize-image");
  }
}
