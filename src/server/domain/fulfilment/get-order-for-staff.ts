import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

/**
 * One order for its staff page: what the carrier needs (recipient, phone, pickup point), the dates and
 * their due dates, the code's hint and whether it was sent (never the code), the points it moved, and
 * its history from the audit log.
 */
export async function getOrderForStaff(actor: StaffActor, id: number) {
  assertActorRole(actor, AREA_ROLES.staff);
  const order = await db.prizeOrder.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      pointsSpent: true,
      createdAt: true,
      processingDueAt: true,
      shippingDueAt: true,
      approvedAt: true,
      shippedAt: true,
      deliveredAt: true,
      cancelledAt: true,
      cancelReason: true,
      carrier: true,
      pickupPointCode: true,
      pickupPointAddress: true,
      pickupPoint: { select: { name: true, workHours: true } },
      recipientName: true,
      recipientPhone: true,
      trackingNumber: true,
      deliveryEmail: true,
      prize: { select: { id: true, title: true, kind: true, partnerName: true } },
      customer: { select: { id: true, phone: true, contactEmail: true } },
      code: { select: { codeHint: true, issuedAt: true } },
      ledger: { orderBy: { id: "asc" }, select: { id: true, kind: true, amount: true, createdAt: true } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Заказ не найден.");
  const history = await db.auditLog.findMany({
    where: { entityType: "PrizeOrder", entityId: String(id) },
    orderBy: { id: "asc" },
    select: { id: true, action: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
  const at = now();
  return {
    ...order,
    history,
    at,
    processingOverdue: order.status === "NEW" && order.processingDueAt < at,
    shippingOverdue: (order.status === "NEW" || order.status === "APPROVED") && order.shippingDueAt !== null && order.shippingDueAt < at,
  };
}
