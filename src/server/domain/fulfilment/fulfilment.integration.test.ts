import { beforeEach, describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createStaff } from "../../../../tests/support/factories";
import { insertPrizeOrder, setOrderStatus } from "../../../../tests/support/orders";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import { rejectionOf } from "../../../../tests/support/rejection";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError, toActionError } from "@/server/errors";
import { approveOrder } from "./approve-order";
import { cancelOrder, cancelOrderInput } from "./cancel-order";
import { markOrderDelivered } from "./mark-order-delivered";
import { shipOrder } from "./ship-order";

const T0 = new Date("2026-03-02T09:00:00Z");

beforeEach(() => setClock(T0));

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

async function staff() {
  return actorOf(await createStaff("STAFF"));
}

async function balanceOf(customerId: number) {
  return (await db.user.findUniqueOrThrow({ where: { id: customerId } })).pointsBalance;
}

async function stockOf(prizeId: number) {
  return (await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).stock;
}

async function auditActions(orderId: number) {
  return (await db.auditLog.findMany({ where: { entityType: "PrizeOrder", entityId: String(orderId) }, orderBy: { id: "asc" } })).map((row) => row.action);
}

describe("approving an order", () => {
  it("approves a new physical order once, tells the shopper and audits it; a second click changes nothing", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "PHYSICAL", stock: 3 });
    const order = await insertPrizeOrder(prize, { contactEmail: "anna@example.test", at: T0 });

    const first = await approveOrder(actor, { orderId: order.id });
    expect(first).toMatchObject({ changed: true, queuedEmailId: expect.any(Number) });
    expect(await approveOrder(actor, { orderId: order.id })).toEqual({ changed: false });

    const row = await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({ status: "APPROVED", approvedAt: T0 });
    expect(await auditActions(order.id)).toEqual(["order.approve"]);
    expect(await db.notification.count({ where: { userId: order.customerId } })).toBe(1);
    const emails = await db.outboxMessage.findMany({ where: { channel: "EMAIL" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ recipient: "anna@example.test", template: "order-status-changed", dedupeKey: `order:${order.id}:approved` });
    expect(emails[0]!.subject).toBe(`Заказ №${order.id} подтверждён: «${prize.title}»`);
    // Approval takes nothing more from stock: ordering already did.
    expect(await stockOf(prize.id)).toBe(2);
  });

  it("writes only the cabinet notification when the shopper gave no email address", async () => {
    const prize = await createPrize({ kind: "PHYSICAL" });
    const order = await insertPrizeOrder(prize);
    expect(await approveOrder(await staff(), { orderId: order.id })).toEqual({ changed: true, queuedEmailId: null });
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await db.notification.count({ where: { userId: order.customerId } })).toBe(1);
  });

  it("issues the digital order's reserved code and emails it in full to the delivery address, once", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 300 });
    const codes = await createPrizeCodes(prize.id, 3);
    const order = await insertPrizeOrder(prize, { deliveryEmail: "codes@example.test" });
    expect((await db.prizeCode.findUniqueOrThrow({ where: { id: codes[0]!.id } })).orderId).toBe(order.id);

    await approveOrder(actor, { orderId: order.id });
    await approveOrder(actor, { orderId: order.id });

    const issued = await db.prizeCode.findMany({ where: { issuedAt: { not: null } } });
    expect(issued.map((code) => [code.id, code.orderId])).toEqual([[codes[0]!.id, order.id]]);
    const emails = await db.outboxMessage.findMany({ where: { channel: "EMAIL" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.recipient).toBe("codes@example.test");
    expect(emails[0]!.text).toContain(codes[0]!.code);
    expect(emails[0]!.html).toContain(codes[0]!.code);
    expect(emails[0]!.subject).toContain("Ваш код");
    // The audit log keeps the hint, never the code.
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "order.approve" } });
    expect(JSON.stringify(audit.data)).not.toContain(codes[0]!.code);
    expect(audit.data).toMatchObject({ codeId: codes[0]!.id, codeHint: codes[0]!.codeHint });
    // The other codes are untouched.
    expect(await db.prizeCode.count({ where: { prizeId: prize.id, orderId: null } })).toBe(2);
  });

  it("takes the next free code for a digital order that holds none, and refuses clearly when there is none", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL" });
    const order = await insertPrizeOrder(prize, { reserveCode: false });
    const empty = await failure(approveOrder(actor, { orderId: order.id }));
    expect(empty.code).toBe("CONFLICT");
    expect(empty.message).toContain("Коды для приза");
    // Nothing half-written.
    expect((await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("NEW");
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await db.notification.count()).toBe(0);

    const [code] = await createPrizeCodes(prize.id, 1);
    await approveOrder(actor, { orderId: order.id });
    expect(await db.prizeCode.findUniqueOrThrow({ where: { id: code!.id } })).toMatchObject({ orderId: order.id, issuedAt: T0 });
    expect((await db.outboxMessage.findFirstOrThrow()).text).toContain(code!.code);
  });

  it("issues exactly one code and one email when the same digital order is approved 10 times at once", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(prize.id, 5);
    const order = await insertPrizeOrder(prize, { reserveCode: false });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => approveOrder(actor, { orderId: order.id })));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(results.filter((result) => result.status === "fulfilled" && result.value.changed)).toHaveLength(1);
    expect(await db.prizeCode.count({ where: { issuedAt: { not: null } } })).toBe(1);
    expect(await db.prizeCode.count({ where: { orderId: { not: null } } })).toBe(1);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it("gives concurrent approvals of different orders different codes", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(prize.id, 4);
    const orders = await Promise.all(Array.from({ length: 4 }, () => insertPrizeOrder(prize, { reserveCode: false })));
    await Promise.all(orders.map((order) => approveOrder(actor, { orderId: order.id })));
    const codes = await db.prizeCode.findMany({ where: { prizeId: prize.id } });
    expect(new Set(codes.map((code) => code.orderId))).toEqual(new Set(orders.map((order) => order.id)));
    expect(codes.every((code) => code.issuedAt !== null)).toBe(true);
  });

  it("refuses to approve a cancelled order", async () => {
    const actor = await staff();
    const prize = await createPrize();
    const order = await insertPrizeOrder(prize);
    await cancelOrder(actor, { orderId: order.id, reason: "Нет в наличии" });
    const refused = await failure(approveOrder(actor, { orderId: order.id }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Заказ отменён — подтвердить его нельзя." });
  });

  it("is for staff only", async () => {
    const prize = await createPrize();
    const order = await insertPrizeOrder(prize);
    const moderator = actorOf(await createStaff("MODERATOR"));
    expect((await failure(approveOrder(wrongRole(moderator), { orderId: order.id }))).code).toBe("FORBIDDEN");
    expect(await approveOrder(actorOf(await createStaff("ADMIN")), { orderId: order.id })).toMatchObject({ changed: true });
  });
});

describe("shipping an order", () => {
  it("requires the order to be approved first", async () => {
    const prize = await createPrize();
    const order = await insertPrizeOrder(prize);
    const refused = await failure(shipOrder(await staff(), { orderId: order.id, trackingNumber: "1234567890" }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Сначала подтвердите заказ, потом отправляйте." });
    expect((await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("NEW");
  });

  it("refuses a malformed tracking number with the carrier's rule, writing nothing", async () => {
    const actor = await staff();
    const prize = await createPrize();
    const cdek = await insertPrizeOrder(prize, { carrier: "CDEK" });
    const post = await insertPrizeOrder(prize, { carrier: "RUSSIAN_POST" });
    await setOrderStatus(cdek.id, "APPROVED");
    await setOrderStatus(post.id, "APPROVED");

    const cases: [number, string, string][] = [
      [cdek.id, "", "Укажите трек-номер."],
      [cdek.id, "12AB", "Номер заказа СДЭК — это 9–12 цифр, например 1234567890."],
      [cdek.id, "RA123456785RU", "Номер заказа СДЭК — это 9–12 цифр, например 1234567890."],
      [post.id, "1234567890", "Трек-номер Почты России — 14 цифр или международный вида AA123456785RU."],
      [post.id, "AA123456784RU", "В трек-номере ошибка: не сходится контрольная цифра. Проверьте номер."],
    ];
    for (const [orderId, trackingNumber, message] of cases) {
      const refused = await failure(shipOrder(actor, { orderId, trackingNumber }));
      expect(refused.code, trackingNumber).toBe("VALIDATION");
      expect(refused.message).toBe(message);
      expect(refused.fieldErrors).toEqual({ trackingNumber: message });
    }
    const rows = await db.prizeOrder.findMany({ where: { id: { in: [cdek.id, post.id] } } });
    expect(rows.map((row) => [row.status, row.trackingNumber])).toEqual([
      ["APPROVED", null],
      ["APPROVED", null],
    ]);
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("ships with a normalised number, emails the carrier's tracking link, and a repeat click changes nothing", async () => {
    const actor = await staff();
    const prize = await createPrize();
    const cdek = await insertPrizeOrder(prize, { carrier: "CDEK", contactEmail: "cdek@example.test" });
    const post = await insertPrizeOrder(prize, { carrier: "RUSSIAN_POST", contactEmail: "post@example.test" });
    await setOrderStatus(cdek.id, "APPROVED");
    await setOrderStatus(post.id, "APPROVED");

    expect(await shipOrder(actor, { orderId: cdek.id, carrier: "CDEK", trackingNumber: " 1234 5678-90 " })).toMatchObject({ changed: true });
    expect(await shipOrder(actor, { orderId: cdek.id, trackingNumber: "1234567890" })).toEqual({ changed: false });
    await shipOrder(actor, { orderId: post.id, trackingNumber: "aa123456785ru" });

    expect(await db.prizeOrder.findUniqueOrThrow({ where: { id: cdek.id } })).toMatchObject({ status: "SHIPPED", shippedAt: T0, trackingNumber: "1234567890", carrier: "CDEK" });
    expect(await db.prizeOrder.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "SHIPPED", trackingNumber: "AA123456785RU" });
    const cdekEmail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "cdek@example.test" } });
    expect(cdekEmail.subject).toBe(`Заказ №${cdek.id} отправлен: трек-номер 1234567890`);
    expect(cdekEmail.html).toContain("https://www.cdek.ru/ru/tracking?order_id=1234567890");
    const postEmail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "post@example.test" } });
    expect(postEmail.html).toContain("https://www.pochta.ru/tracking?barcode=AA123456785RU");
    expect(await db.outboxMessage.count()).toBe(2);
    expect(await auditActions(cdek.id)).toEqual(["order.ship"]);

    const other = await failure(shipOrder(actor, { orderId: cdek.id, trackingNumber: "9999999999" }));
    expect(other).toMatchObject({ code: "CONFLICT", message: "Заказ уже отправлен с трек-номером 1234567890." });
  });

  it("refuses another carrier than the shopper's pickup point, and digital orders", async () => {
    const actor = await staff();
    const order = await insertPrizeOrder(await createPrize(), { carrier: "CDEK" });
    await setOrderStatus(order.id, "APPROVED");
    const wrongCarrier = await failure(shipOrder(actor, { orderId: order.id, carrier: "RUSSIAN_POST", trackingNumber: "12345678901234" }));
    expect(wrongCarrier).toMatchObject({ code: "VALIDATION", message: "Участник выбрал пункт выдачи СДЭК — отправьте заказ этой службой." });

    const digitalPrize = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(digitalPrize.id, 1);
    const digital = await insertPrizeOrder(digitalPrize);
    await approveOrder(actor, { orderId: digital.id });
    expect((await failure(shipOrder(actor, { orderId: digital.id, trackingNumber: "1234567890" }))).code).toBe("CONFLICT");
  });
});

describe("marking an order delivered", () => {
  it("needs a shipped order, and happens once", async () => {
    const actor = await staff();
    const order = await insertPrizeOrder(await createPrize(), { contactEmail: "x@example.test" });
    await setOrderStatus(order.id, "APPROVED");
    expect(await failure(markOrderDelivered(actor, { orderId: order.id }))).toMatchObject({ code: "CONFLICT", message: "Заказ ещё не отправлен: сначала укажите трек-номер." });
    await shipOrder(actor, { orderId: order.id, trackingNumber: "1234567890" });
    setClock(new Date(T0.getTime() + 86_400_000));
    expect(await markOrderDelivered(actor, { orderId: order.id })).toMatchObject({ changed: true });
    expect(await markOrderDelivered(actor, { orderId: order.id })).toEqual({ changed: false });
    expect(await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "DELIVERED", deliveredAt: new Date(T0.getTime() + 86_400_000) });
    expect((await db.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((email) => email.dedupeKey)).toEqual([`order:${order.id}:shipped`, `order:${order.id}:delivered`]);
    expect(await auditActions(order.id)).toEqual(["order.ship", "order.deliver"]);
  });
});

describe("cancelling an order", () => {
  it("requires a reason", () => {
    for (const reason of [undefined, "", "   ", "ок"]) {
      const parsed = cancelOrderInput.safeParse({ orderId: 1, reason });
      expect(parsed.success).toBe(false);
      expect(toActionError(parsed.error)).toMatchObject({ code: "VALIDATION", message: "Укажите причину отмены — участник увидит её в письме и в кабинете.", fieldErrors: { reason: expect.any(String) } });
    }
  });

  it("refunds the points and restores the stock in one go, with notification, email and audit", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "PHYSICAL", stock: 5, pointsPrice: 700 });
    const order = await insertPrizeOrder(prize, { contactEmail: "anna@example.test" });
    expect(await balanceOf(order.customerId)).toBe(0);
    expect(await stockOf(prize.id)).toBe(4);

    expect(await cancelOrder(actor, { orderId: order.id, reason: "Закончились на складе" })).toMatchObject({ changed: true });

    expect(await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED", cancelledAt: T0, cancelReason: "Закончились на складе" });
    expect(await balanceOf(order.customerId)).toBe(700);
    expect(await stockOf(prize.id)).toBe(5);
    const refund = await db.ledgerEntry.findFirstOrThrow({ where: { kind: "PRIZE_REFUND" } });
    expect(refund).toMatchObject({ amount: 700, balanceAfter: 700, orderId: order.id, idempotencyKey: `order:${order.id}:refund`, createdById: actor.id });
    const email = await db.outboxMessage.findFirstOrThrow();
    expect(email).toMatchObject({ recipient: "anna@example.test", subject: `Заказ №${order.id} отменён, баллы возвращены` });
    expect(email.text).toContain("Закончились на складе");
    expect(email.text).toContain("+700 баллов");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "order.cancel" } });
    expect(audit.data).toMatchObject({ from: "NEW", refunded: 700, stockRestored: true, codeReleased: false });
  });

  it("refunds and restores exactly once when clicked twice", async () => {
    const actor = await staff();
    const prize = await createPrize({ stock: 2, pointsPrice: 400 });
    const order = await insertPrizeOrder(prize);
    expect(await cancelOrder(actor, { orderId: order.id, reason: "Повторный заказ" })).toMatchObject({ changed: true });
    expect(await cancelOrder(actor, { orderId: order.id, reason: "Повторный заказ" })).toEqual({ changed: false });
    expect(await balanceOf(order.customerId)).toBe(400);
    expect(await stockOf(prize.id)).toBe(2);
    expect(await db.ledgerEntry.count({ where: { kind: "PRIZE_REFUND" } })).toBe(1);
    expect(await auditActions(order.id)).toEqual(["order.cancel"]);
  });

  it("refunds and restores exactly once when 10 staff cancel at the same moment", async () => {
    const actors = await Promise.all(Array.from({ length: 3 }, () => staff()));
    const prize = await createPrize({ stock: 1, pointsPrice: 250 });
    const order = await insertPrizeOrder(prize, { contactEmail: "race@example.test" });
    expect(await stockOf(prize.id)).toBe(0);

    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => cancelOrder(actors[index % 3]!, { orderId: order.id, reason: "Отмена по просьбе участника" })));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(results.filter((result) => result.status === "fulfilled" && result.value.changed)).toHaveLength(1);
    expect(await balanceOf(order.customerId)).toBe(250);
    expect(await stockOf(prize.id)).toBe(1);
    expect(await db.ledgerEntry.count({ where: { kind: "PRIZE_REFUND" } })).toBe(1);
    expect(await db.outboxMessage.count()).toBe(1);
    expect(await db.notification.count()).toBe(1);
    expect(await auditActions(order.id)).toEqual(["order.cancel"]);
  });

  it("releases a digital order's code that was not sent yet", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 150 });
    const [code] = await createPrizeCodes(prize.id, 1);
    const order = await insertPrizeOrder(prize);
    expect(await db.prizeCode.count({ where: { prizeId: prize.id, orderId: null } })).toBe(0);

    await cancelOrder(actor, { orderId: order.id, reason: "Неверный адрес почты" });
    expect(await db.prizeCode.findUniqueOrThrow({ where: { id: code!.id } })).toMatchObject({ orderId: null, issuedAt: null });
    expect(await balanceOf(order.customerId)).toBe(150);
    // The digital order's emails go to its delivery address.
    expect((await db.outboxMessage.findFirstOrThrow()).recipient).toBe(order.deliveryEmail);
    expect((await db.auditLog.findFirstOrThrow({ where: { action: "order.cancel" } })).data).toMatchObject({ codeReleased: true, stockRestored: false });
    // The stock column of a digital prize is not touched.
    expect(await stockOf(prize.id)).toBe(0);
  });

  it("never releases a code already sent: such an order cannot be cancelled", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL" });
    const [code] = await createPrizeCodes(prize.id, 1);
    const order = await insertPrizeOrder(prize);
    await approveOrder(actor, { orderId: order.id });
    const refused = await failure(cancelOrder(actor, { orderId: order.id, reason: "Передумал" }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Код уже отправлен участнику — такой заказ отменить нельзя." });
    expect(await db.prizeCode.findUniqueOrThrow({ where: { id: code!.id } })).toMatchObject({ orderId: order.id, issuedAt: T0 });
    expect(await db.ledgerEntry.count({ where: { kind: "PRIZE_REFUND" } })).toBe(0);
    expect((await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("APPROVED");
  });

  it("settles a cancel racing an approval of a digital order one way or the other, never both", async () => {
    const actor = await staff();
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 100 });
    await createPrizeCodes(prize.id, 1);
    for (let round = 0; round < 5; round += 1) {
      const order = await insertPrizeOrder(prize);
      await Promise.allSettled([approveOrder(actor, { orderId: order.id }), cancelOrder(actor, { orderId: order.id, reason: "Гонка" })]);
      const row = await db.prizeOrder.findUniqueOrThrow({ where: { id: order.id }, include: { code: true } });
      const refunds = await db.ledgerEntry.count({ where: { orderId: order.id, kind: "PRIZE_REFUND" } });
      if (row.status === "CANCELLED") {
        expect(row.code).toBeNull();
        expect(refunds).toBe(1);
      } else {
        expect(row.status).toBe("APPROVED");
        expect(row.code?.issuedAt).toEqual(T0);
        expect(refunds).toBe(0);
        // A free code for the next round (the factory's code name is free again once this one is gone).
        await db.prizeCode.deleteMany({ where: { orderId: order.id } });
        await createPrizeCodes(prize.id, 1);
      }
    }
  });

  it("takes back a shipped parcel (returned unclaimed), but not a delivered one", async () => {
    const actor = await staff();
    const prize = await createPrize({ stock: 1 });
    const order = await insertPrizeOrder(prize);
    await setOrderStatus(order.id, "SHIPPED");
    await cancelOrder(actor, { orderId: order.id, reason: "Посылка вернулась невостребованной" });
    expect(await stockOf(prize.id)).toBe(1);
    expect(await balanceOf(order.customerId)).toBe(prize.pointsPrice);

    const delivered = await insertPrizeOrder(prize);
    await setOrderStatus(delivered.id, "SHIPPED");
    await markOrderDelivered(actor, { orderId: delivered.id });
    expect(await failure(cancelOrder(actor, { orderId: delivered.id, reason: "Поздно" }))).toMatchObject({ code: "CONFLICT", message: "Заказ уже доставлен — отменить его нельзя." });
    expect(await stockOf(prize.id)).toBe(0);
  });
});
