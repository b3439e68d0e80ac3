import "server-only";
import { z } from "zod";
import { formatPoints } from "@/lib/format";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { AppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";
import { CANCEL_REASON_LENGTH } from "@/lib/rules/order-cancellation";
import { type TransitionOutcome, lockOrder, notifyShopper, orderForTransition, orderIdSchema, renderOrderEmail } from "./order-transition";

const REASON_REQUIRED = "Укажите причину отмены — участник увидит её в письме и в кабинете.";

export const cancelOrderInput = z.object({
  orderId: orderIdSchema,
  reason: z
    .string({ error: REASON_REQUIRED })
    .trim()
    .min(CANCEL_REASON_LENGTH.min, REASON_REQUIRED)
    .max(CANCEL_REASON_LENGTH.max, `Причина — не длиннее ${CANCEL_REASON_LENGTH.max} символов.`),
});

/**
 * Cancels an order (NEW, APPROVED or SHIPPED, e.g. a parcel returned unclaimed → CANCELLED) and undoes it
 * in the same transaction: the points come back through the ledger (PRIZE_REFUND, idempotency key
 * `order:<id>:refund`), a physical unit goes back into stock, and a digital code not yet sent is released
 * for the next order. Exactly once however often it is clicked: the order's row is locked first, the
 * status changes by a conditional update whose row count is checked, and the ledger key is unique; a
 * second cancel finds the order cancelled and changes nothing. A digital order whose code was already
 * sent cannot be cancelled (an issued code is never released, and the shopper has it).
 */
export async function cancelOrder(actor: StaffActor, input: z.infer<typeof cancelOrderInput>): Promise<TransitionOutcome> {
  assertActorRole(actor, AREA_ROLES.staff);
  const seen = await db.prizeOrder.findUnique({ where: { id: input.orderId }, select: orderForTransition });
  if (!seen) throw new AppError("NOT_FOUND", "Заказ не найден.");
  const email = seen.status === "CANCELLED" ? null : await renderOrderEmail(seen, { status: "CANCELLED", reason: input.reason, pointsRefunded: seen.pointsSpent });
  const at = now();

  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (order.status === "CANCELLED") return { changed: false };
    if (order.status === "DELIVERED") throw new AppError("CONFLICT", "Заказ уже доставлен — отменить его нельзя.");
    if (order.prize.kind === "DIGITAL") {
      const code = await tx.prizeCode.findUnique({ where: { orderId: order.id }, select: { issuedAt: true } });
      if (code?.issuedAt) throw new AppError("CONFLICT", "Код уже отправлен участнику — такой заказ отменить нельзя.");
    }

    const cancelled = await tx.prizeOrder.updateMany({
      where: { id: order.id, status: order.status },
      data: { status: "CANCELLED", cancelledAt: at, cancelReason: input.reason },
    });
    if (cancelled.count !== 1) throw new AppError("CONFLICT", "Заказ только что изменился. Обновите страницу.");

    const refund =
      order.pointsSpent > 0
        ? await appendLedgerEntry(tx, {
            customerId: order.customerId,
            kind: "PRIZE_REFUND",
            amount: order.pointsSpent,
            idempotencyKey: `order:${order.id}:refund`,
            reason: `Заказ №${order.id} отменён: ${input.reason}`,
            orderId: order.id,
            createdById: actor.id,
            at,
          })
        : null;

    let stockRestored = false;
    let codeReleased = false;
    if (order.prize.kind === "PHYSICAL") {
      stockRestored = (await tx.$executeRaw`UPDATE prizes SET stock = stock + 1, updated_at = ${at} WHERE id = ${order.prize.id}`) === 1;
    } else {
      // Only a code never sent goes back to the pool (the check above refused the others; the condition keeps it so).
      codeReleased = (await tx.prizeCode.updateMany({ where: { orderId: order.id, issuedAt: null }, data: { orderId: null } })).count === 1;
    }

    const points = `${formatPoints(order.pointsSpent)} ${pluralRu(order.pointsSpent, ["балл", "балла", "баллов"])}`;
    const queuedEmailId = await notifyShopper(tx, order, {
      status: "CANCELLED",
      title: order.pointsSpent > 0 ? `Заказ №${order.id} отменён, ${points} вернулись на счёт` : `Заказ №${order.id} отменён`,
      body: `Причина: ${input.reason}`,
      email,
      at,
    });
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "order.cancel",
      entityType: "PrizeOrder",
      entityId: order.id,
      data: { from: order.status, reason: input.reason, refunded: refund ? order.pointsSpent : 0, refundEntryId: refund?.id ?? null, stockRestored, codeReleased },
      at,
    });
    return { changed: true, queuedEmailId };
  });
}
