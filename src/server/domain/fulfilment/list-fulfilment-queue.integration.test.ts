import { beforeEach, describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createStaff } from "../../../../tests/support/factories";
import { insertPrizeOrder, setOrderStatus } from "../../../../tests/support/orders";
import { actorOf } from "../../../../tests/support/requests";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { fulfilmentQueueInput, listFulfilmentQueue } from "./list-fulfilment-queue";

const T0 = new Date("2026-03-02T09:00:00Z");
const DAY = 86_400_000;

beforeEach(() => setClock(T0));

function input(values: Record<string, unknown>) {
  return fulfilmentQueueInput.parse(values);
}

describe("the fulfilment queue", () => {
  it("counts every tab under the filters and marks processing and shipping overdue orders", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const physical = await createPrize({ stock: 20 });
    const digital = await createPrize({ kind: "DIGITAL" });
    await createPrizeCodes(digital.id, 5);
    const past = new Date(T0.getTime() - DAY);
    const future = new Date(T0.getTime() + DAY);

    const lateNew = await insertPrizeOrder(physical, { processingDueAt: past, carrier: "CDEK" });
    const freshNew = await insertPrizeOrder(physical, { processingDueAt: future, carrier: "RUSSIAN_POST" });
    const lateShipping = await insertPrizeOrder(physical, { processingDueAt: past, shippingDueAt: past, carrier: "CDEK" });
    await setOrderStatus(lateShipping.id, "APPROVED");
    const shipped = await insertPrizeOrder(physical, { processingDueAt: past, shippingDueAt: past });
    await setOrderStatus(shipped.id, "SHIPPED");
    const digitalNew = await insertPrizeOrder(digital, { processingDueAt: future });

    const all = await listFulfilmentQueue(actor, input({ tab: "new" }));
    expect(all.counts).toEqual({ new: 3, approved: 1, shipped: 1, overdue: 2, delivered: 0, cancelled: 0 });
    // The most urgent first.
    expect(all.items.map((item) => item.id)).toEqual([lateNew.id, freshNew.id, digitalNew.id]);
    expect(all.items.map((item) => item.processingOverdue)).toEqual([true, false, false]);

    const overdue = await listFulfilmentQueue(actor, input({ tab: "overdue" }));
    expect(overdue.items.map((item) => [item.id, item.processingOverdue, item.shippingOverdue])).toEqual([
      [lateNew.id, true, false],
      [lateShipping.id, false, true],
    ]);

    const cdek = await listFulfilmentQueue(actor, input({ tab: "new", carrier: "CDEK" }));
    expect(cdek.counts).toMatchObject({ new: 1, approved: 1, shipped: 1, overdue: 2 });
    const digitalOnly = await listFulfilmentQueue(actor, input({ tab: "new", kind: "DIGITAL" }));
    expect(digitalOnly.items.map((item) => item.id)).toEqual([digitalNew.id]);
    expect(digitalOnly.items[0]!.code?.codeHint).toBeTruthy();
  });

  it("finds an order by its number or by a phone written any common way", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const prize = await createPrize();
    const mine = await insertPrizeOrder(prize, { recipientPhone: "+79265550011" });
    await insertPrizeOrder(prize, { recipientPhone: "+79265550022" });
    const shopper = await db.user.findUniqueOrThrow({ where: { id: mine.customerId } });

    for (const q of [String(mine.id), `№${mine.id}`, "8 (926) 555-00-11", shopper.phone!]) {
      const found = await listFulfilmentQueue(actor, input({ tab: "new", q }));
      expect(found.items.map((item) => item.id), q).toEqual([mine.id]);
      expect(found.counts.new).toBe(1);
    }
    const nonsense = await listFulfilmentQueue(actor, input({ tab: "new", q: "коробка" }));
    expect(nonsense).toMatchObject({ items: [], searchProblem: "Введите номер заказа или телефон участника либо получателя." });
  });

  it("falls back to sensible defaults for a tampered address bar", () => {
    expect(input({ tab: "everything", carrier: "DHL", page: "-3" })).toEqual({ tab: "new", carrier: undefined, kind: undefined, q: undefined, page: 1 });
  });
});
