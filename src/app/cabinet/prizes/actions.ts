"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { placePrizeOrder, placePrizeOrderInput } from "@/server/domain/orders/place-prize-order";
import { type ActionResult, toActionError } from "@/server/errors";

export async function placePrizeOrderAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const { id } = await placePrizeOrder(actor, placePrizeOrderInput.parse(input));
    // The balance, the catalogue's availability and the orders list all changed.
    revalidatePath("/cabinet", "layout");
    return { ok: true, data: { id } };
  } catch (error) {
    return toActionError(error, "place-prize-order");
  }
}
