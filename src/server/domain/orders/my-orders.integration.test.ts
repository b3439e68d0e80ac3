import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createShopper } from "../../../../tests/support/factories";
import { actorOf } from "../../../../tests/support/requests";
import type { ShopperActor } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getMyOrder } from "./get-my-order";
import { listMyOrders } from "./list-my-orders";
import { placePrizeOrder, placePrizeOrderInput } from "./place-prize-order";

async function orderDigital(actor: ShopperActor, prizeId: number) {
  const input = placePrizeOrderInput.parse({ kind: "DIGITAL", prizeId, idempotencyKey: randomUUID(), deliveryEmail: "me@example.ru" });
  return (await placePrizeOrder(actor, input)).id;
}

describe("the shopper's own orders", () => {
  it("lists only my orders, newest first, and opens only mine", async () => {
    const [me, other] = await Promise.all([createShopper({ pointsBalance: 1000 }), createShopper({ pointsBalance: 1000 })]);
    const prize = await createPrize({ kind: "DIGITAL", pointsPrice: 300, title: "Промокод" });
    await createPrizeCodes(prize.id, 5);
    const first = await orderDigital(actorOf(me), prize.id);
    const second = await orderDigital(actorOf(me), prize.id);
    const theirs = await orderDigital(actorOf(other), prize.id);

    const mine = await listMyOrders(actorOf(me));
    expect(mine.map((order) => order.id)).toEqual([second, first]);
    expect(mine[0]).toMatchObject({ status: "NEW", pointsSpent: 300, prize: { title: "Промокод", kind: "DIGITAL" } });

    const order = await getMyOrder(actorOf(me), first);
    expect(order).toMatchObject({ id: first, deliveryEmail: "me@example.ru", codeSentAt: null, prize: { id: prize.id } });
    // The code itself never reaches the cabinet's order page.
    expect(JSON.stringify(order)).not.toContain("TEST-");

    const error = await getMyOrder(actorOf(other), first).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect((await listMyOrders(actorOf(other))).map((item) => item.id)).toEqual([theirs]);
  });

  it("shows the tracking number and carrier once shipped", async () => {
    const me = await createShopper({ pointsBalance: 1000 });
    const prize = await createPrize({ pointsPrice: 500, stock: 1 });
    const order = await db.prizeOrder.create({
      data: {
        customerId: me.id,
        prizeId: prize.id,
        status: "SHIPPED",
        pointsSpent: 500,
        carrier: "RUSSIAN_POST",
        pickupPointCode: "101000",
        pickupPointAddress: "Москва, Мясницкая ул., 26",
        recipientName: "Анна Иванова",
        recipientPhone: "+79123456789",
        trackingNumber: "80081234567890",
        processingDueAt: new Date(),
        shippedAt: new Date(),
      },
    });

    expect(await getMyOrder(actorOf(me), order.id)).toMatchObject({
      status: "SHIPPED",
      carrier: "RUSSIAN_POST",
      trackingNumber: "80081234567890",
      pickupPointAddress: "Москва, Мясницкая ул., 26",
    });
  });
});
