import "server-only";
import { z } from "zod";
import type { Prisma, Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { portalUrl } from "@/server/http/portal-url";
import { queueEmail } from "@/server/messaging/queue-email";
import { ORDER_STATUS_TEMPLATE, type OrderStatusChange, renderOrderStatusEmail } from "@emails/order-status-changed";
import type { RenderedEmail } from "@emails/render-email";
import { logger } from "@/server/observability/logger";

export const orderIdSchema = z.coerce.number({ error: "Заказ не найден." }).int("Заказ не найден.").positive("Заказ не найден.");

/**
 * What a transition answers: `changed: false` when the order already was where the click wanted it (a
 * double click, two staff at once, a retry); `queuedEmailId` is the shopper's email in the outbox, for the
 * caller to deliver after the response.
 */
export type TransitionOutcome = { changed: true; queuedEmailId: number | null } | { changed: false };

/** The shopper's page of an order (the cabinet's orders area). */
export function cabinetOrderPath(orderId: number): string {
  return `/cabinet/orders/${orderId}`;
}

/** What every transition reads of an order, before and (locked) inside its transaction. */
export const orderForTransition = {
  id: true,
  status: true,
  customerId: true,
  pointsSpent: true,
  carrier: true,
  trackingNumber: true,
  pickupPointAddress: true,
  deliveryEmail: true,
  shippingDueAt: true,
  prize: { select: { id: true, title: true, kind: true, partnerName: true, description: true } },
  customer: { select: { contactEmail: true } },
} satisfies Prisma.PrizeOrderSelect;

export type OrderForTransition = Prisma.PrizeOrderGetPayload<{ select: typeof orderForTransition }>;

/**
 * Locks the order's row for the rest of the transaction and reads it. Every transition starts here, so
 * two staff (or a double click) on the same order take turns, and each decides on the state the other
 * left: a cancel can never slip between an approval's check and its code being issued.
 */
export async function lockOrder(tx: Tx, orderId: number): Promise<OrderForTransition> {
  const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM prize_orders WHERE id = ${orderId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Заказ не найден.");
  return tx.prizeOrder.findUniqueOrThrow({ where: { id: orderId }, select: orderForTransition });
}

/**
 * Where the shopper hears about the order: a digital order's delivery address (given at ordering, where
 * the code goes), else the cabinet's notification address. Null: the cabinet notification only.
 */
export function orderEmailRecipient(order: Pick<OrderForTransition, "deliveryEmail" | "customer">): { to: string; addressSource: "order" | "contact" } | null {
  if (order.deliveryEmail) return { to: order.deliveryEmail, addressSource: "order" };
  if (order.customer.contactEmail) return { to: order.customer.contactEmail, addressSource: "contact" };
  return null;
}

/**
 * The status email for a change about to be made, rendered before its transaction so the transaction stays
 * short. Null when there is nobody to write to, or when rendering failed: an email problem must not stop a
 * shipment or a refund (the cabinet notification is written regardless). The digital code's email is the
 * exception (approve-order.ts): without it the shopper never gets the prize.
 */
export async function renderOrderEmail(order: OrderForTransition, change: OrderStatusChange, options: { throwOnFailure?: boolean } = {}): Promise<RenderedEmail | null> {
  const recipient = orderEmailRecipient(order);
  if (!recipient) return null;
  try {
    return await renderOrderStatusEmail({
      ...change,
      orderId: order.id,
      prizeTitle: order.prize.title,
      orderUrl: portalUrl(cabinetOrderPath(order.id)),
      cabinetUrl: portalUrl("/cabinet"),
      addressSource: recipient.addressSource,
    });
  } catch (error) {
    if (options.throwOnFailure) throw error;
    logger.error({ event: "email.render-failed", orderId: order.id, err: error }, `email: rendering the ${change.status} email for order ${order.id} failed`);
    return null;
  }
}

/**
 * The shopper hears about the change: always in the cabinet, and by email (into the outbox, in the
 * transition's transaction) when there is an address and a rendered email. The dedupe key makes each
 * status's email go out once per order, whatever retries happen.
 */
export async function notifyShopper(
  tx: Tx,
  order: OrderForTransition,
  message: { status: OrderStatusChange["status"]; title: string; body: string; email: RenderedEmail | null; at: Date },
): Promise<number | null> {
  await tx.notification.create({
    data: { userId: order.customerId, title: message.title, body: message.body, link: cabinetOrderPath(order.id), createdAt: message.at },
  });
  const recipient = orderEmailRecipient(order);
  if (!recipient || !message.email) return null;
  return queueEmail(tx, {
    to: recipient.to,
    ...message.email,
    template: ORDER_STATUS_TEMPLATE,
    dedupeKey: `order:${order.id}:${message.status.toLowerCase()}`,
  });
}
