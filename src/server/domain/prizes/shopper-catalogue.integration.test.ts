import { describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createShopper } from "../../../../tests/support/factories";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getPrizeForShopper } from "./get-prize-for-shopper";
import { listPrizesForShopper } from "./list-prizes-for-shopper";

function actorOf(user: { id: number; phone: string | null }): Actor {
  return { id: user.id, role: "CUSTOMER", phone: user.phone, email: null, name: null };
}

describe("the shopper's prize catalogue", () => {
  it("lists active prizes in display order with what the balance affords, what is missing and what is sold out", async () => {
    const shopper = await createShopper({ pointsBalance: 700 });
    const cheap = await createPrize({ title: "Дешёвый", pointsPrice: 500, stock: 3, sortOrder: 2, imageUrl: "/prizes/cosmetic-bag.svg" });
    const dear = await createPrize({ title: "Дорогой", pointsPrice: 1200, stock: 3, sortOrder: 1 });
    const soldOut = await createPrize({ title: "Закончился", pointsPrice: 100, stock: 0, sortOrder: 3 });
    const digital = await createPrize({ title: "Код", kind: "DIGITAL", pointsPrice: 300, sortOrder: 4 });
    const codes = await createPrizeCodes(digital.id, 3);
    await createPrize({ title: "Скрытый", isActive: false, sortOrder: 0 });
    // A code already reserved by an order is not stock any more.
    const order = await db.prizeOrder.create({ data: { customerId: shopper.id, prizeId: digital.id, pointsSpent: 300, deliveryEmail: "a@b.ru", processingDueAt: new Date() } });
    await db.prizeCode.update({ where: { id: codes[0]!.id }, data: { orderId: order.id } });

    const { balance, prizes } = await listPrizesForShopper(actorOf(shopper));

    expect(balance).toBe(700);
    expect(prizes.map((prize) => prize.id)).toEqual([dear.id, cheap.id, soldOut.id, digital.id]);
    expect(prizes[0]).toMatchObject({ affordable: false, missingPoints: 500, inStock: true, available: 3 });
    expect(prizes[1]).toMatchObject({ affordable: true, missingPoints: 0, inStock: true, pictures: [{ imageId: null, src: "/prizes/cosmetic-bag.svg" }] });
    expect(prizes[2]).toMatchObject({ inStock: false, available: 0, affordable: true });
    expect(prizes[3]).toMatchObject({ kind: "DIGITAL", available: 2, inStock: true });
  });

  it("opens an active prize with the order form's prefill, and treats an inactive one as not found", async () => {
    const shopper = await createShopper({ pointsBalance: 100 });
    await db.user.update({ where: { id: shopper.id }, data: { contactEmail: "me@example.ru" } });
    const prize = await createPrize({ pointsPrice: 500, stock: 1 });
    const hidden = await createPrize({ isActive: false });

    const page = await getPrizeForShopper(actorOf(shopper), prize.id);
    expect(page).toMatchObject({
      balance: 100,
      prize: { id: prize.id, affordable: false, missingPoints: 400 },
      prefill: { recipientPhone: shopper.phone, deliveryEmail: "me@example.ru", carrier: null, pickupPoint: null },
    });

    const error = await getPrizeForShopper(actorOf(shopper), hidden.id).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
  });
});
