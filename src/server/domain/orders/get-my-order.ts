import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

/**
 * One of the shopper's own orders: status and its dates, the delivery details they gave, the tracking
 * number once shipped. Someone else's order is "not found" (ownership is part of the query). The digital
 * code itself is never shown here: it goes to the delivery email when staff approve the order.
 */
export async function getMyOrder(actor: Actor, orderId: number) {
  const order = await db.prizeOrder.findFirst({
    where: { id: orderId, customerId: actor.id },
    select: {
      id: true,
      status: true,
      pointsSpent: true,
      createdAt: true,
      approvedAt: true,
      shippedAt: true,
      deliveredAt: true,
      cancelledAt: true,
      cancelReason: true,
      processingDueAt: true,
      shippingDueAt: true,
      carrier: true,
      pickupPointCode: true,
      pickupPointAddress: true,
      pickupPoint: { select: { name: true, workHours: true } },
      recipientName: true,
      recipientPhone: true,
      trackingNumber: true,
      deliveryEmail: true,
      code: { select: { issuedAt: true } },
      prize: {
        select: {
          id: true,
          title: true,
          kind: true,
          partnerName: true,
          isActive: true,
          imageUrl: true,
          images: { where: { kind: "PRIZE_IMAGE" }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], take: 1, select: { id: true } },
        },
      },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Заказ не найден.");
  const { code, ...rest } = order;
  return { ...rest, codeSentAt: code?.issuedAt ?? null };
}
