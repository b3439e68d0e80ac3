import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type TransitionOutcome, lockOrder, notifyShopper, orderForTransition, orderIdSchema, renderOrderEmail } from "./order-transition";

export const markOrderDeliveredInput = z.object({ orderId: orderIdSchema });

/** Marks a shipped order delivered (SHIPPED → DELIVERED) once the carrier reports it handed over; again: nothing changes. */
export async function markOrderDelivered(actor: StaffActor, input: z.infer<typeof markOrderDeliveredInput>): Promise<TransitionOutcome> {
  assertActorRole(actor, AREA_ROLES.staff);
  const seen = await db.prizeOrder.findUnique({ where: { id: input.orderId }, select: orderForTransition });
  if (!seen) throw new AppError("NOT_FOUND", "Заказ не найден.");
  const email = seen.status === "SHIPPED" ? await renderOrderEmail(seen, { status: "DELIVERED" }) : null;
  const at = now();

  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    switch (order.status) {
      case "DELIVERED":
        return { changed: false };
      case "NEW":
      case "APPROVED":
        throw new AppError("CONFLICT", order.prize.kind === "DIGITAL" ? "Цифровой заказ завершается подтверждением: код уходит на почту." : "Заказ ещё не отправлен: сначала укажите трек-номер.");
      case "CANCELLED":
        throw new AppError("CONFLICT", "Заказ отменён.");
      case "SHIPPED":
        break;
    }
    const delivered = await tx.prizeOrder.updateMany({ where: { id: order.id, status: "SHIPPED" }, data: { status: "DELIVERED", deliveredAt: at } });
    if (delivered.count !== 1) throw new AppError("CONFLICT", "Заказ только что изменился. Обновите страницу.");
    const queuedEmailId = await notifyShopper(tx, order, {
      status: "DELIVERED",
      title: `Заказ №${order.id} доставлен`,
      body: `«${order.prize.title}» доставлен. Спасибо, что участвуете в программе!`,
      email,
      at,
    });
    await writeAuditEntry(tx, { actorId: actor.id, action: "order.deliver", entityType: "PrizeOrder", entityId: order.id, at });
    return { changed: true, queuedEmailId };
  });
}
