import { randomUUID } from "node:crypto";
import type { Carrier } from "../../src/generated/prisma/enums.ts";
import { DAY_MS } from "../../src/lib/moscow-time.ts";
import { now } from "../../src/server/clock.ts";
import { db } from "../../src/server/db/client.ts";
import { appendLedgerEntry } from "../../src/server/domain/ledger/append-ledger-entry.ts";
import { uniquePhone } from "./factories.ts";

// Builders for fulfilment tests: an order as the shopper's ordering leaves it (NEW, points debited through
// the ledger, one unit of stock taken or one code reserved), written straight to the database so these tests
// do not depend on the ordering form's pickup-point lookup.

export async function insertPrizeOrder(
  prize: { id: number; kind: "PHYSICAL" | "DIGITAL"; pointsPrice: number; title: string },
  options: {
    shopper?: { id: number };
    /** The shopper's notification address (physical orders' emails go there); none by default. */
    contactEmail?: string | null;
    at?: Date;
    processingDueAt?: Date;
    shippingDueAt?: Date | null;
    carrier?: Carrier;
    recipientName?: string;
    recipientPhone?: string;
    pickupPointCode?: string;
    pickupPointAddress?: string;
    deliveryEmail?: string;
    /** Digital: reserve a free code as ordering does (default true). */
    reserveCode?: boolean;
  } = {},
) {
  const at = options.at ?? now();
  const shopper =
    options.shopper ??
    (await db.user.create({ data: { role: "CUSTOMER", phone: uniquePhone(), consentAt: at, consentVersion: "test", contactEmail: options.contactEmail ?? null } }));
  const physical = prize.kind === "PHYSICAL";
  return db.$transaction(async (tx) => {
    // Points to spend: credited first, as an approved review would.
    await appendLedgerEntry(tx, { customerId: shopper.id, kind: "ADJUSTMENT", amount: prize.pointsPrice, idempotencyKey: `test-credit:${randomUUID()}`, reason: "test", at });
    const order = await tx.prizeOrder.create({
      data: {
        customerId: shopper.id,
        prizeId: prize.id,
        status: "NEW",
        pointsSpent: prize.pointsPrice,
        carrier: physical ? (options.carrier ?? "CDEK") : null,
        pickupPointCode: physical ? (options.pickupPointCode ?? ((options.carrier ?? "CDEK") === "CDEK" ? "MSK123" : "101000")) : null,
        pickupPointAddress: physical ? (options.pickupPointAddress ?? "Москва, ул. Тверская, 1") : null,
        recipientName: physical ? (options.recipientName ?? "Анна Иванова") : null,
        recipientPhone: physical ? (options.recipientPhone ?? "+79161234567") : null,
        deliveryEmail: physical ? null : (options.deliveryEmail ?? `shopper-${shopper.id}@example.test`),
        processingDueAt: options.processingDueAt ?? new Date(at.getTime() + 7 * DAY_MS),
        shippingDueAt: options.shippingDueAt !== undefined ? options.shippingDueAt : physical ? new Date(at.getTime() + 30 * DAY_MS) : null,
        idempotencyKey: randomUUID(),
        createdAt: at,
      },
    });
    await appendLedgerEntry(tx, { customerId: shopper.id, kind: "PRIZE_ORDER", amount: -prize.pointsPrice, idempotencyKey: `order:${order.id}:placed`, reason: `Заказ №${order.id}: ${prize.title}`, orderId: order.id, at });
    if (physical) {
      const taken = await tx.$executeRaw`UPDATE prizes SET stock = stock - 1 WHERE id = ${prize.id} AND stock > 0`;
      if (taken !== 1) throw new Error(`prize ${prize.id} is out of stock`);
    } else if (options.reserveCode ?? true) {
      const reserved = await tx.$executeRaw`
        UPDATE prize_codes SET order_id = ${order.id}
         WHERE id = (SELECT id FROM prize_codes WHERE prize_id = ${prize.id} AND order_id IS NULL ORDER BY id LIMIT 1)`;
      if (reserved !== 1) throw new Error(`prize ${prize.id} has no free code`);
    }
    return order;
  });
}

/** Moves an order straight to a status, as earlier staff steps would have (for tests of later steps). */
export async function setOrderStatus(orderId: number, status: "APPROVED" | "SHIPPED", at = now()) {
  return db.prizeOrder.update({
    where: { id: orderId },
    data: status === "APPROVED" ? { status, approvedAt: at } : { status, approvedAt: at, shippedAt: at, trackingNumber: "1234567890" },
  });
}
