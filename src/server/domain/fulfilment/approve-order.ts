import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { type Tx, db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { RenderedEmail } from "@emails/render-email";
import {
  type OrderForTransition,
  type TransitionOutcome,
  lockOrder,
  notifyShopper,
  orderEmailRecipient,
  orderForTransition,
  orderIdSchema,
  renderOrderEmail,
} from "./order-transition";

export const approveOrderInput = z.object({ orderId: orderIdSchema });

/**
 * Approves a new order (NEW → APPROVED). A physical order then waits to be shipped. A digital order's code
 * is issued and emailed now: the code the order reserved when it was placed (or, should it have none, the
 * next free one, taken with SKIP LOCKED so concurrent approvals take different codes), marked issued, and
 * sent to the order's delivery address. The email is queued in the same transaction, so a code is marked
 * issued exactly when its email exists; no code, no address or no email refuses the approval and nothing
 * changes. Approving an order that is already approved changes nothing (a double click).
 */
export async function approveOrder(actor: StaffActor, input: z.infer<typeof approveOrderInput>): Promise<TransitionOutcome> {
  assertActorRole(actor, AREA_ROLES.staff);
  const seen = await db.prizeOrder.findUnique({ where: { id: input.orderId }, select: { ...orderForTransition, code: { select: { id: true, code: true } } } });
  if (!seen) throw new AppError("NOT_FOUND", "Заказ не найден.");
  // Rendered before the transaction; the digital email only if the order already holds its code.
  const preRendered =
    seen.status !== "NEW"
      ? null
      : seen.prize.kind === "PHYSICAL"
        ? { codeId: null, email: await renderOrderEmail(seen, { status: "APPROVED", kind: "PHYSICAL", shippingDueAt: seen.shippingDueAt }) }
        : seen.code
          ? { codeId: seen.code.id, email: await renderCodeEmail(seen, seen.code.code) }
          : null;
  const at = now();

  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (order.status === "CANCELLED") throw new AppError("CONFLICT", "Заказ отменён — подтвердить его нельзя.");
    if (order.status !== "NEW") return { changed: false };

    const approved = await tx.prizeOrder.updateMany({ where: { id: order.id, status: "NEW" }, data: { status: "APPROVED", approvedAt: at } });
    if (approved.count !== 1) throw new AppError("CONFLICT", "Заказ только что изменился. Обновите страницу.");

    let email: RenderedEmail | null;
    let issued: { id: number; codeHint: string } | null = null;
    if (order.prize.kind === "DIGITAL") {
      if (!orderEmailRecipient(order)) throw new AppError("CONFLICT", "В заказе нет адреса почты, на который отправить код. Отмените заказ с объяснением.");
      const code = await issueCode(tx, order, at);
      issued = { id: code.id, codeHint: code.codeHint };
      email = preRendered?.codeId === code.id ? preRendered.email : await renderCodeEmail(order, code.code);
      if (!email) throw new AppError("CONFLICT", "Не удалось подготовить письмо с кодом. Попробуйте ещё раз.");
    } else {
      email = preRendered?.email ?? null;
    }

    const queuedEmailId = await notifyShopper(tx, order, {
      status: "APPROVED",
      title: order.prize.kind === "DIGITAL" ? `Заказ №${order.id}: код отправлен на почту` : `Заказ №${order.id} подтверждён`,
      body:
        order.prize.kind === "DIGITAL"
          ? `Код на «${order.prize.title}» отправлен на ${orderEmailRecipient(order)?.to}.`
          : `Готовим «${order.prize.title}» к отправке. Когда посылка уйдёт, здесь появится трек-номер.`,
      email,
      at,
    });
    if (order.prize.kind === "DIGITAL" && !queuedEmailId) {
      // The dedupe key was taken: an email for this order's approval exists already, and it does not carry this code.
      throw new AppError("CONFLICT", "Письмо с кодом по этому заказу уже создавалось. Обновите страницу и проверьте заказ.");
    }
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "order.approve",
      entityType: "PrizeOrder",
      entityId: order.id,
      // The hint only: the audit log is read by people who must not see codes.
      data: { kind: order.prize.kind, ...(issued ? { codeId: issued.id, codeHint: issued.codeHint } : {}) },
      at,
    });
    return { changed: true, queuedEmailId };
  });
}

/** The order's reserved code, or the next free one when it has none; marked issued. */
async function issueCode(tx: Tx, order: OrderForTransition, at: Date): Promise<{ id: number; code: string; codeHint: string }> {
  let code = await tx.prizeCode.findUnique({ where: { orderId: order.id }, select: { id: true, code: true, codeHint: true, issuedAt: true } });
  if (!code) {
    const [reserved] = await tx.$queryRaw<{ id: number; code: string; code_hint: string }[]>`
      UPDATE prize_codes SET order_id = ${order.id}
       WHERE id = (SELECT id FROM prize_codes
                    WHERE prize_id = ${order.prize.id} AND order_id IS NULL
                    ORDER BY id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
      RETURNING id, code, code_hint`;
    if (!reserved) {
      throw new AppError("CONFLICT", `Коды для приза «${order.prize.title}» закончились. Загрузите новые коды на странице приза и подтвердите заказ снова.`);
    }
    code = { id: reserved.id, code: reserved.code, codeHint: reserved.code_hint, issuedAt: null };
  }
  // An issued code never goes to a second order; this order's own was issued only if it was approved before.
  const marked = await tx.prizeCode.updateMany({ where: { id: code.id, orderId: order.id, issuedAt: null }, data: { issuedAt: at } });
  if (marked.count !== 1) throw new AppError("CONFLICT", "Код этого заказа уже был выдан. Обновите страницу.");
  return code;
}

function renderCodeEmail(order: OrderForTransition, code: string): Promise<RenderedEmail | null> {
  return renderOrderEmail(
    order,
    { status: "APPROVED", kind: "DIGITAL", code, partnerName: order.prize.partnerName, howToUse: order.prize.description },
    { throwOnFailure: true },
  );
}
