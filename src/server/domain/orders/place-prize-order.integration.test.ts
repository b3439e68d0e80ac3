import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createShopper } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import cdekPoints from "@/server/adapters/pickup-points/data/cdek-points.json";
import { dueAfterBusinessDays } from "@/server/calendar/due-dates";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError, toActionError } from "@/server/errors";
import { type PlacePrizeOrderInput, placePrizeOrder, placePrizeOrderInput } from "./place-prize-order";

const at = new Date("2026-03-02T09:00:00Z");
/** A CDEK point the bundled directory knows (tests run with no carrier credentials). */
const POINT = cdekPoints[0]!;

function physicalOrder(prizeId: number, overrides: Partial<Extract<PlacePrizeOrderInput, { kind: "PHYSICAL" }>> = {}): PlacePrizeOrderInput {
  return placePrizeOrderInput.parse({
    kind: "PHYSICAL",
    prizeId,
    idempotencyKey: randomUUID(),
    recipientName: "Анна Иванова",
    recipientPhone: "8 (912) 345-67-89",
    carrier: "CDEK",
    pickupPointCode: POINT.code,
    ...overrides,
  });
}

function digitalOrder(prizeId: number, overrides: { deliveryEmail?: string; idempotencyKey?: string } = {}): PlacePrizeOrderInput {
  return placePrizeOrderInput.parse({ kind: "DIGITAL", prizeId, idempotencyKey: randomUUID(), deliveryEmail: "Anna@Example.ru", ...overrides });
}

/** What an order may have written: the shopper's orders, ledger entries, balance; the prize's stock and free codes. */
async function footprint(customerId: number, prizeId: number) {
  const [orders, ledger, user, prize, freeCodes] = await Promise.all([
    db.prizeOrder.count({ where: { customerId } }),
    db.ledgerEntry.count({ where: { customerId } }),
    db.user.findUniqueOrThrow({ where: { id: customerId }, select: { pointsBalance: true, inactivityClockFrom: true } }),
    db.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { stock: true } }),
    db.prizeCode.count({ where: { prizeId, orderId: null } }),
  ]);
  return { orders, ledger, balance: user.pointsBalance, clock: user.inactivityClockFrom, stock: prize.stock, freeCodes };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(() => setClock(at));

describe("placePrizeOrder", () => {
  it("places a physical order: the order with its due dates and pickup-point snapshot, the debit, one unit of stock", async () => {
    const shopper = await createShopper({ pointsBalance: 1200 });
    const prize = await createPrize({ pointsPrice: 500, stock: 3, title: "Косметичка" });

    const { id, created } = await placePrizeOrder(actorOf(shopper), physicalOrder(prize.id));

    expect(created).toBe(true);
    const order = await db.prizeOrder.findUniqueOrThrow({ where: { id }, include: { ledger: true, pickupPoint: true } });
    expect(order).toMatchObject({
      customerId: shopper.id,
      prizeId: prize.id,
      status: "NEW",
      pointsSpent: 500,
      carrier: "CDEK",
      recipientName: "Анна Иванова",
      recipientPhone: "+79123456789",
      pickupPointCode: POINT.code,
      deliveryEmail: null,
    });
    expect(order.pickupPointAddress).toContain(POINT.address);
    expect(order.pickupPoint?.code).toBe(POINT.code);
    expect(order.processingDueAt).toEqual(await dueAfterBusinessDays(at, 5));
    expect(order.shippingDueAt).toEqual(new Date(at.getTime() + 30 * 24 * 60 * 60 * 1000));
    expect(order.ledger).toHaveLength(1);
    expect(order.ledger[0]).toMatchObject({ kind: "PRIZE_ORDER", amount: -500, balanceAfter: 700, idempotencyKey: `order:${id}:placed` });

    const after = await footprint(shopper.id, prize.id);
    expect(after).toMatchObject({ orders: 1, ledger: 1, balance: 700, stock: 2 });
    // A prize order restarts the forfeiture clock.
    expect(after.clock).toEqual(at);
  });

  it("places a digital order: the email, a reserved code, no shipping due date, the physical stock column untouched", async () => {
    const shopper = await createShopper({ pointsBalance: 800 });
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 300 });
    const codes = await createPrizeCodes(prize.id, 2);

    const { id } = await placePrizeOrder(actorOf(shopper), digitalOrder(prize.id));

    const order = await db.prizeOrder.findUniqueOrThrow({ where: { id }, include: { code: true } });
    expect(order).toMatchObject({ deliveryEmail: "anna@example.ru", carrier: null, pickupPointCode: null, shippingDueAt: null });
    // The first free code in id order, reserved but not issued: staff approval issues and emails it.
    expect(order.code).toMatchObject({ id: codes[0]!.id, issuedAt: null });
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 1, ledger: 1, balance: 500, stock: 0, freeCodes: 1 });
  });

  it("50 simultaneous orders from a shopper whose balance covers 3, for a prize with stock 2: exactly 2 orders, 48 clear refusals", async () => {
    const shopper = await createShopper({ pointsBalance: 1500 });
    const prize = await createPrize({ pointsPrice: 500, stock: 2 });
    const actor = actorOf(shopper);

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => placePrizeOrder(actor, physicalOrder(prize.id))));

    const placed = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result) => result.status === "rejected");
    expect(placed).toHaveLength(2);
    expect(refused).toHaveLength(48);
    for (const result of refused) {
      expect(result.reason).toBeInstanceOf(AppError);
      expect((result.reason as AppError).code).toBe("CONFLICT");
      expect((result.reason as AppError).message).toMatch(/^Приз закончился/);
    }
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 2, ledger: 2, balance: 500, stock: 0 });
    const spent = await db.ledgerEntry.aggregate({ where: { customerId: shopper.id, kind: "PRIZE_ORDER" }, _sum: { amount: true } });
    expect(spent._sum.amount).toBe(-1000);
    const orderIds = placed.map((result) => (result as PromiseFulfilledResult<{ id: number }>).value.id).sort();
    const keys = (await db.ledgerEntry.findMany({ where: { customerId: shopper.id }, select: { idempotencyKey: true } })).map((entry) => entry.idempotencyKey);
    expect(keys.sort()).toEqual(orderIds.map((id) => `order:${id}:placed`).sort());
  });

  it("5 simultaneous orders for a digital prize with 2 codes: 2 orders, each with its own code", async () => {
    const shopper = await createShopper({ pointsBalance: 5 * 300 });
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 300 });
    await createPrizeCodes(prize.id, 2);

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => placePrizeOrder(actorOf(shopper), digitalOrder(prize.id))));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).message).toMatch(/^Приз закончился/);
    }
    const orders = await db.prizeOrder.findMany({ where: { prizeId: prize.id }, include: { code: true } });
    expect(orders).toHaveLength(2);
    expect(new Set(orders.map((order) => order.code?.id)).size).toBe(2);
    expect(orders.every((order) => order.code !== null)).toBe(true);
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 2, ledger: 2, balance: 900, freeCodes: 0 });
  });

  it("shares a digital prize's last codes between different shoppers ordering at once, never one code twice", async () => {
    const shoppers = await Promise.all(Array.from({ length: 5 }, () => createShopper({ pointsBalance: 300 })));
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 300 });
    await createPrizeCodes(prize.id, 2);

    const results = await Promise.allSettled(shoppers.map((shopper) => placePrizeOrder(actorOf(shopper), digitalOrder(prize.id))));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    const orders = await db.prizeOrder.findMany({ where: { prizeId: prize.id }, include: { code: true } });
    expect(new Set(orders.map((order) => order.code?.id))).toHaveProperty("size", 2);
    const balances = await db.user.findMany({ where: { id: { in: shoppers.map((shopper) => shopper.id) } }, select: { pointsBalance: true } });
    expect(balances.map((user) => user.pointsBalance).sort()).toEqual([0, 0, 300, 300, 300]);
  });

  it("refuses an order the balance does not cover, saying how many points are missing, and writes nothing", async () => {
    const shopper = await createShopper({ pointsBalance: 300 });
    const prize = await createPrize({ pointsPrice: 500, stock: 5 });

    const error = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id)));

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Недостаточно баллов: не хватает 200 баллов.");
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 300, stock: 5, clock: null });
  });

  it("refuses to charge a price staff changed after the page was shown, writing nothing", async () => {
    const shopper = await createShopper({ pointsBalance: 1000 });
    const prize = await createPrize({ pointsPrice: 600, stock: 5 });

    const error = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id, { expectedPointsPrice: 500 })));

    expect(error).toMatchObject({ code: "CONFLICT", message: "Цена приза изменилась: теперь 600 баллов. Обновите страницу и оформите заказ ещё раз." });
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 1000, stock: 5 });
    await expect(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id, { expectedPointsPrice: 600 }))).resolves.toBeDefined();
  });

  it("refuses an inactive prize, an unknown prize and a sold-out prize, writing nothing", async () => {
    const shopper = await createShopper({ pointsBalance: 5000 });
    const inactive = await createPrize({ isActive: false, stock: 5 });
    const soldOut = await createPrize({ stock: 0 });
    const noCodes = await createPrize({ kind: "DIGITAL" });

    const inactiveError = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(inactive.id)));
    expect(inactiveError.code).toBe("CONFLICT");
    expect(inactiveError.message).toMatch(/недоступен/);

    const unknownError = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(999_999)));
    expect(unknownError.code).toBe("NOT_FOUND");

    expect((await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(soldOut.id)))).message).toMatch(/^Приз закончился/);
    expect((await refusal(placePrizeOrder(actorOf(shopper), digitalOrder(noCodes.id)))).message).toMatch(/^Приз закончился/);

    expect(await footprint(shopper.id, inactive.id)).toMatchObject({ orders: 0, ledger: 0, balance: 5000, stock: 5 });
  });

  it("refuses delivery fields of the wrong kind for the prize (the page was out of date)", async () => {
    const shopper = await createShopper({ pointsBalance: 5000 });
    const prize = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(prize.id, 1);

    const error = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id)));

    expect(error.code).toBe("CONFLICT");
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 5000, freeCodes: 1 });
  });

  it("refuses an unknown pickup point with a message on that field, writing nothing at all", async () => {
    const shopper = await createShopper({ pointsBalance: 1000 });
    const prize = await createPrize({ pointsPrice: 500, stock: 4 });

    const error = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id, { pickupPointCode: "NO-SUCH-POINT-42" })));

    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.pickupPoint).toBeTruthy();
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 1000, stock: 4, clock: null });
    // A CDEK code is no Russian Post office either.
    const wrongCarrier = await refusal(placePrizeOrder(actorOf(shopper), physicalOrder(prize.id, { carrier: "RUSSIAN_POST" })));
    expect(wrongCarrier.fieldErrors?.pickupPoint).toBeTruthy();
    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 1000, stock: 4 });
  });

  it("returns the first order for a repeated submit with the same key, sequential or simultaneous", async () => {
    const shopper = await createShopper({ pointsBalance: 2000 });
    const prize = await createPrize({ pointsPrice: 500, stock: 10 });
    const input = physicalOrder(prize.id);

    const first = await placePrizeOrder(actorOf(shopper), input);
    const again = await placePrizeOrder(actorOf(shopper), input);
    expect(again).toEqual({ id: first.id, created: false });

    const twin = physicalOrder(prize.id);
    const racing = await Promise.all([placePrizeOrder(actorOf(shopper), twin), placePrizeOrder(actorOf(shopper), twin)]);
    expect(racing[0]!.id).toBe(racing[1]!.id);
    expect(racing.filter((result) => result.created)).toHaveLength(1);

    expect(await footprint(shopper.id, prize.id)).toMatchObject({ orders: 2, ledger: 2, balance: 1000, stock: 8 });
  });

  it("does not hand another shopper's order back for a key they reuse", async () => {
    const [mine, theirs] = await Promise.all([createShopper({ pointsBalance: 1000 }), createShopper({ pointsBalance: 1000 })]);
    const prize = await createPrize({ pointsPrice: 500, stock: 10 });
    const input = physicalOrder(prize.id);
    await placePrizeOrder(actorOf(mine), input);

    const error = await refusal(placePrizeOrder(actorOf(theirs), input));

    expect(error.code).toBe("CONFLICT");
    expect(await footprint(theirs.id, prize.id)).toMatchObject({ orders: 0, ledger: 0, balance: 1000, stock: 9 });
  });

  it("is for shoppers only", async () => {
    const shopper = await createShopper({ pointsBalance: 1000 });
    const prize = await createPrize();
    const error = await refusal(placePrizeOrder(wrongRole({ ...actorOf(shopper), role: "STAFF" }), physicalOrder(prize.id)));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("placePrizeOrderInput", () => {
  const base = { prizeId: 1, idempotencyKey: randomUUID() };
  const fieldErrorsOf = (input: unknown) => {
    const parsed = placePrizeOrderInput.safeParse(input);
    expect(parsed.success).toBe(false);
    return toActionError(parsed.error).fieldErrors ?? {};
  };

  it("normalises the recipient's phone to +7 and tidies the name and email", () => {
    const physical = placePrizeOrderInput.parse({ ...base, kind: "PHYSICAL", recipientName: "  Анна   Иванова ", recipientPhone: "+7 (912) 345 67 89", carrier: "RUSSIAN_POST", pickupPointCode: " 101000 " });
    expect(physical).toMatchObject({ recipientName: "Анна Иванова", recipientPhone: "+79123456789", pickupPointCode: "101000" });
    const digital = placePrizeOrderInput.parse({ ...base, kind: "DIGITAL", deliveryEmail: " Anna@Example.RU " });
    expect(digital).toMatchObject({ deliveryEmail: "anna@example.ru" });
  });

  it("explains a malformed phone, a missing name, carrier and pickup point, each on its field", () => {
    const errors = fieldErrorsOf({ ...base, kind: "PHYSICAL", recipientName: " ", recipientPhone: "12345", carrier: "DHL", pickupPointCode: "" });
    expect(errors.recipientPhone).toBe("Проверьте номер: нужен российский мобильный, например +7 912 345-67-89.");
    expect(errors.recipientName).toMatch(/Укажите имя и фамилию получателя/);
    expect(errors.carrier).toBe("Выберите службу доставки: СДЭК или Почта России.");
    expect(errors.pickupPointCode).toBe("Выберите пункт выдачи.");
    // A landline is not a number the carrier can text.
    expect(fieldErrorsOf({ ...base, kind: "PHYSICAL", recipientName: "Анна", recipientPhone: "+7 495 123-45-67", carrier: "CDEK", pickupPointCode: "MSK4" }).recipientPhone).toMatch(/мобильный/);
  });

  it("explains a malformed or missing email", () => {
    expect(fieldErrorsOf({ ...base, kind: "DIGITAL", deliveryEmail: "anna@" }).deliveryEmail).toBe("Проверьте адрес: он должен выглядеть как name@example.ru.");
    expect(fieldErrorsOf({ ...base, kind: "DIGITAL", deliveryEmail: "" }).deliveryEmail).toBe("Укажите email — на него придёт код приза.");
    expect(fieldErrorsOf({ ...base, kind: "DIGITAL" }).deliveryEmail).toBe("Укажите email — на него придёт код приза.");
  });

  it("asks to reload the page when the form's key or kind is missing", () => {
    expect(fieldErrorsOf({ ...base, kind: "DIGITAL", deliveryEmail: "a@b.ru", idempotencyKey: "nope" }).idempotencyKey).toMatch(/Обновите страницу/);
    const parsed = placePrizeOrderInput.safeParse({ ...base, deliveryEmail: "a@b.ru" });
    expect(parsed.success).toBe(false);
    expect(toActionError(parsed.error).message).toMatch(/Обновите страницу/);
  });
});
