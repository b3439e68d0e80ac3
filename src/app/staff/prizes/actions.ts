"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { createPrize, createPrizeInput } from "@/server/domain/catalogue/create-prize";
import { importPrizeCodes, importPrizeCodesInput } from "@/server/domain/catalogue/import-prize-codes";
import { removePrizeImage, removePrizeImageInput } from "@/server/domain/catalogue/remove-prize-image";
import { updatePrize, updatePrizeInput } from "@/server/domain/catalogue/update-prize";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";

/** Every page that shows prizes: the staff's lists and the shoppers' catalogue. */
function revalidatePrizes(id?: number) {
  revalidatePath("/staff");
  revalidatePath("/staff/prizes");
  if (id) revalidatePath(`/staff/prizes/${id}`);
  revalidatePath("/cabinet/prizes");
}

export const createPrizeAction = defineAction({
  name: "create-prize",
  roles: AREA_ROLES.staff,
  input: createPrizeInput,
  run: async ({ actor, input }) => {
    const created = await createPrize(actor, input);
    revalidatePrizes(created.id);
    return created;
  },
});

export const updatePrizeAction = defineAction({
  name: "update-prize",
  roles: AREA_ROLES.staff,
  input: updatePrizeInput,
  run: async ({ actor, input }) => {
    const result = await updatePrize(actor, input);
    revalidatePrizes(input.id);
    return result;
  },
});

export const importPrizeCodesAction = defineAction({
  name: "import-prize-codes",
  roles: AREA_ROLES.staff,
  input: importPrizeCodesInput,
  // A whole list (up to CODE_LIST_LIMITS.maxCodes codes) checked and stored in one go.
  limits: [perActorLimit("import-prize-codes", 30, 10 * 60)],
  run: async ({ actor, input }) => {
    const result = await importPrizeCodes(actor, input);
    revalidatePrizes(input.prizeId);
    return result;
  },
});

export const removePrizeImageAction = defineAction({
  name: "remove-prize-image",
  roles: AREA_ROLES.staff,
  input: removePrizeImageInput,
  run: async ({ actor, input }) => {
    const result = await removePrizeImage(actor, input);
    revalidatePrizes(input.prizeId);
    return result;
  },
});
