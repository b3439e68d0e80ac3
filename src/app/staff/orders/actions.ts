"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { approveOrder, approveOrderInput } from "@/server/domain/fulfilment/approve-order";
import { cancelOrder, cancelOrderInput } from "@/server/domain/fulfilment/cancel-order";
import { markOrderDelivered, markOrderDeliveredInput } from "@/server/domain/fulfilment/mark-order-delivered";
import type { TransitionOutcome } from "@/server/domain/fulfilment/order-transition";
import { shipOrder, shipOrderInput } from "@/server/domain/fulfilment/ship-order";
import { type ActionResult, toActionError } from "@/server/errors";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

/** What the buttons learn: whether this click changed the order (false: it already was there). */
type TransitionResult = ActionResult<{ changed: boolean }>;

/** The change is committed: refresh the pages that show the order, and send the shopper's email after the response. */
function settle(orderId: number, outcome: TransitionOutcome): TransitionResult {
  revalidatePath("/staff/orders");
  revalidatePath(`/staff/orders/${orderId}`);
  revalidatePath("/staff/prizes");
  if (outcome.changed && outcome.queuedEmailId) deliverEmailAfterResponse(outcome.queuedEmailId);
  return { ok: true, data: { changed: outcome.changed } };
}

export async function approveOrderAction(input: unknown): Promise<TransitionResult> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = approveOrderInput.parse(input);
    return settle(parsed.orderId, await approveOrder(actor, parsed));
  } catch (error) {
    return toActionError(error, "approve-order");
  }
}

export async function shipOrderAction(input: unknown): Promise<TransitionResult> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = shipOrderInput.parse(input);
    return settle(parsed.orderId, await shipOrder(actor, parsed));
  } catch (error) {
    return toActionError(error, "ship-order");
  }
}

export async function markOrderDeliveredAction(input: unknown): Promise<TransitionResult> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = markOrderDeliveredInput.parse(input);
    return settle(parsed.orderId, await markOrderDelivered(actor, parsed));
  } catch (error) {
    return toActionError(error, "mark-order-delivered");
  }
}

export async function cancelOrderAction(input: unknown): Promise<TransitionResult> {
  try {
    const actor = await requireActorRole(AREA_ROLES.staff);
    const parsed = cancelOrderInput.parse(input);
    return settle(parsed.orderId, await cancelOrder(actor, parsed));
  } catch (error) {
    return toActionError(error, "cancel-order");
  }
}
