import "server-only";
import { z } from "zod";
import { CARRIER_LABEL, trackingUrl, validateTrackingNumber } from "@/lib/tracking";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type TransitionOutcome, lockOrder, notifyShopper, orderForTransition, orderIdSchema, renderOrderEmail } from "./order-transition";

export const shipOrderInput = z.object({
  orderId: orderIdSchema,
  /** The carrier staff confirm on the form; it must be the one the shopper chose (their pickup point is that carrier's). */
  carrier: z.enum(["CDEK", "RUSSIAN_POST"], { error: "Выберите службу доставки." }).optional(),
  trackingNumber: z.string({ error: "Укажите трек-номер." }).max(64, "Трек-номер слишком длинный."),
});

/**
 * Ships an approved physical order (APPROVED → SHIPPED) with the carrier's tracking number, checked by the
 * carrier's rules (src/lib/tracking.ts) before anything is written. A new order must be approved first;
 * shipping an order already shipped with the same number changes nothing (a double click).
 */
export async function shipOrder(actor: StaffActor, input: z.infer<typeof shipOrderInput>): Promise<TransitionOutcome> {
  assertActorRole(actor, AREA_ROLES.staff);
  const seen = await db.prizeOrder.findUnique({ where: { id: input.orderId }, select: orderForTransition });
  if (!seen) throw new AppError("NOT_FOUND", "Заказ не найден.");
  if (seen.prize.kind === "DIGITAL") throw new AppError("CONFLICT", "Цифровой приз не отправляют посылкой: код уходит на почту, когда заказ подтверждают.");
  const carrier = seen.carrier ?? input.carrier;
  if (!carrier) throw new AppError("VALIDATION", "Выберите службу доставки.", { fieldErrors: { carrier: "Выберите службу доставки." } });
  if (input.carrier && input.carrier !== carrier) {
    const message = `Участник выбрал пункт выдачи ${CARRIER_LABEL[carrier]} — отправьте заказ этой службой.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { carrier: message } });
  }
  const tracking = validateTrackingNumber(carrier, input.trackingNumber);
  if (!tracking.ok) throw new AppError("VALIDATION", tracking.message, { fieldErrors: { trackingNumber: tracking.message } });
  const number = tracking.number;

  const email = seen.status === "APPROVED"
    ? await renderOrderEmail(seen, { status: "SHIPPED", carrier, trackingNumber: number, trackingUrl: trackingUrl(carrier, number), pickupPointAddress: seen.pickupPointAddress })
    : null;
  const at = now();

  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    switch (order.status) {
      case "NEW":
        throw new AppError("CONFLICT", "Сначала подтвердите заказ, потом отправляйте.");
      case "SHIPPED":
        if (order.trackingNumber === number) return { changed: false };
        throw new AppError("CONFLICT", `Заказ уже отправлен с трек-номером ${order.trackingNumber ?? "—"}.`);
      case "DELIVERED":
        if (order.trackingNumber === number) return { changed: false };
        throw new AppError("CONFLICT", "Заказ уже доставлен.");
      case "CANCELLED":
        throw new AppError("CONFLICT", "Заказ отменён — отправлять его нельзя.");
      case "APPROVED":
        break;
    }
    const shipped = await tx.prizeOrder.updateMany({
      where: { id: order.id, status: "APPROVED" },
      data: { status: "SHIPPED", shippedAt: at, carrier, trackingNumber: number },
    });
    if (shipped.count !== 1) throw new AppError("CONFLICT", "Заказ только что изменился. Обновите страницу.");

    const queuedEmailId = await notifyShopper(tx, order, {
      status: "SHIPPED",
      title: `Заказ №${order.id} отправлен`,
      body: `${CARRIER_LABEL[carrier]}, трек-номер ${number}.`,
      email,
      at,
    });
    await writeAuditEntry(tx, { actorId: actor.id, action: "order.ship", entityType: "PrizeOrder", entityId: order.id, data: { carrier, trackingNumber: number }, at });
    return { changed: true, queuedEmailId };
  });
}
