import { describe, expect, it } from "vitest";
import { createShopper } from "../../../tests/support/factories";
import { db } from "./client";

// The database itself refuses what must never happen, whatever the application code does.
describe("database integrity guards", () => {
  it("refuses a negative points balance", async () => {
    const shopper = await createShopper({ pointsBalance: 100 });
    await expect(db.$executeRaw`UPDATE users SET points_balance = points_balance - 101 WHERE id = ${shopper.id}`).rejects.toThrow(/users_points_balance_non_negative/);
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(100);
  });

  it("keeps the ledger append-only", async () => {
    const shopper = await createShopper();
    const entry = await db.ledgerEntry.create({
      data: { customerId: shopper.id, kind: "ADJUSTMENT", amount: 50, balanceAfter: 50, reason: "test", idempotencyKey: "test:1" },
    });
    await expect(db.ledgerEntry.update({ where: { id: entry.id }, data: { amount: 5000 } })).rejects.toThrow(/append-only/);
    await expect(db.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).amount).toBe(50);
  });

  it("refuses a ledger entry that would leave a negative balance, or a duplicate of one", async () => {
    const shopper = await createShopper();
    await expect(
      db.ledgerEntry.create({ data: { customerId: shopper.id, kind: "ADJUSTMENT", amount: -1, balanceAfter: -1, reason: "x", idempotencyKey: "neg" } }),
    ).rejects.toThrow(/balance_after_non_negative/);
    await db.ledgerEntry.create({ data: { customerId: shopper.id, kind: "ADJUSTMENT", amount: 1, balanceAfter: 1, reason: "x", idempotencyKey: "once" } });
    await expect(
      db.ledgerEntry.create({ data: { customerId: shopper.id, kind: "ADJUSTMENT", amount: 1, balanceAfter: 2, reason: "x", idempotencyKey: "once" } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it("refuses negative stock and non-positive prices", async () => {
    await expect(db.prize.create({ data: { title: "x", kind: "PHYSICAL", pointsPrice: 100, stock: -1 } })).rejects.toThrow(/prizes_stock_non_negative/);
    await expect(db.prize.create({ data: { title: "x", kind: "PHYSICAL", pointsPrice: 0, stock: 1 } })).rejects.toThrow(/prizes_points_price_positive/);
  });
});
