"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { placePrizeOrder, placePrizeOrderInput } from "@/server/domain/orders/place-prize-order";
import { defineAction } from "@/server/http/define-action";

export const placePrizeOrderAction = defineAction({
  name: "place-prize-order",
  roles: AREA_ROLES.cabinet,
  input: placePrizeOrderInput,
  run: async ({ actor, input }) => {
    const { id } = await placePrizeOrder(actor, input);
    // The balance, the catalogue's availability and the orders list all changed.
    revalidatePath("/cabinet", "layout");
    return { id };
  },
});
