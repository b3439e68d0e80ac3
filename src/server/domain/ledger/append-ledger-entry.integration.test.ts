import { describe, expect, it } from "vitest";
import { createShopper } from "../../../../tests/support/factories";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { appendLedgerEntry } from "./append-ledger-entry";

const at = new Date("2026-03-02T09:00:00Z");

describe("appendLedgerEntry", () => {
  it("keeps the cached balance equal to the ledger's sum", async () => {
    const shopper = await createShopper();
    await db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "ADJUSTMENT", amount: 300, idempotencyKey: "a", reason: "test", at }));
    await db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "PRIZE_ORDER", amount: -120, idempotencyKey: "b", at }));
    const user = await db.user.findUniqueOrThrow({ where: { id: shopper.id } });
    const sum = await db.ledgerEntry.aggregate({ where: { customerId: shopper.id }, _sum: { amount: true } });
    expect(user.pointsBalance).toBe(180);
    expect(sum._sum.amount).toBe(180);
  });

  it("writes an entry once per idempotency key", async () => {
    const shopper = await createShopper();
    const write = () => db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "ADJUSTMENT", amount: 50, idempotencyKey: "once", reason: "test", at }));
    const results = await Promise.allSettled([write(), write(), write(), write()]);
    expect(results.filter((result) => result.status === "fulfilled" && result.value !== null)).toHaveLength(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(50);
  });

  it("never lets the balance go below zero, however many debits arrive at once", async () => {
    const shopper = await createShopper();
    await db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "ADJUSTMENT", amount: 300, idempotencyKey: "credit", reason: "test", at }));
    const debits = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "PRIZE_ORDER", amount: -100, idempotencyKey: `debit-${index}`, at })),
      ),
    );
    expect(debits.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of debits) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(AppError);
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(0);
    expect(await db.ledgerEntry.count({ where: { customerId: shopper.id } })).toBe(4);
  });
});
