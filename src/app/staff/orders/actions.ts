"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { approveOrder, approveOrderInput } from "@/server/domain/fulfilment/approve-order";
import { cancelOrder, cancelOrderInput } from "@/server/domain/fulfilment/cancel-order";
import { markOrderDelivered, markOrderDeliveredInput } from "@/server/domain/fulfilment/mark-order-delivered";
import type { TransitionOutcome } from "@/server/domain/fulfilment/order-transition";
import { shipOrder, shipOrderInput } from "@/server/domain/fulfilment/ship-order";
import { defineAction } from "@/server/http/define-action";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

/**
 * The change is committed: refresh the pages that show the order, and send the shopper's email after the
 * response. What the buttons learn: whether this click changed the order (false: it already was there).
 */
function settle(orderId: number, outcome: TransitionOutcome): { changed: boolean } {
  revalidatePath("/staff/orders");
  revalidatePath(`/staff/orders/${orderId}`);
  revalidatePath("/staff/prizes");
  if (outcome.changed && outcome.queuedEmailId) deliverEmailAfterResponse(outcome.queuedEmailId);
  return { changed: outcome.changed };
}

export const approveOrderAction = defineAction({
  name: "approve-order",
  roles: AREA_ROLES.staff,
  input: approveOrderInput,
  run: async ({ actor, input }) => settle(input.orderId, await approveOrder(actor, input)),
});

export const shipOrderAction = defineAction({
  name: "ship-order",
  roles: AREA_ROLES.staff,
  input: shipOrderInput,
  run: async ({ actor, input }) => settle(input.orderId, await shipOrder(actor, input)),
});

export const markOrderDeliveredAction = defineAction({
  name: "mark-order-delivered",
  roles: AREA_ROLES.staff,
  input: markOrderDeliveredInput,
  run: async ({ actor, input }) => settle(input.orderId, await markOrderDelivered(actor, input)),
});

export const cancelOrderAction = defineAction({
  name: "cancel-order",
  roles: AREA_ROLES.staff,
  input: cancelOrderInput,
  run: async ({ actor, input }) => settle(input.orderId, await cancelOrder(actor, input)),
});
