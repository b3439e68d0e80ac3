import { describe, expect, it } from "vitest";
import { createPrize, createShopper, createStaff, creditPoints } from "../../../../tests/support/factories";
import { insertPrizeOrder } from "../../../../tests/support/orders";
import { db } from "@/server/db/client";
import { DAY_MS } from "@/lib/moscow-time";
import { forfeitureDate } from "./forfeiture-date";
import { runForfeiture } from "./run-forfeiture";

const msk = (local: string) => new Date(`${local}+03:00`);
const T0 = msk("2026-01-15T12:00:00.000");
/** T0 + 6 months: when points credited at T0 go. */
const F0 = msk("2026-07-15T12:00:00.000");
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

async function shopperState(id: number) {
  const [user, entries, sum] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id }, select: { pointsBalance: true, inactivityClockFrom: true } }),
    db.ledgerEntry.findMany({ where: { customerId: id, kind: "FORFEITURE" }, orderBy: { id: "asc" } }),
    db.ledgerEntry.aggregate({ where: { customerId: id }, _sum: { amount: true } }),
  ]);
  return { balance: user.pointsBalance, clock: user.inactivityClockFrom, forfeitures: entries, ledgerSum: sum._sum.amount ?? 0 };
}

describe("runForfeiture", () => {
  it("writes off the whole balance exactly when the months have passed, not a millisecond before", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 500, T0);
    await creditPoints(shopper.id, 100, msk("2026-03-01T10:00:00.000"));
    expect((await shopperState(shopper.id)).clock).toEqual(T0);

    expect(await runForfeiture({ at: ms(F0, -1) })).toEqual({ shoppers: 0, points: 0 });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 600, clock: T0, forfeitures: [] });

    expect(await runForfeiture({ at: F0 })).toEqual({ shoppers: 1, points: 600 });
    const after = await shopperState(shopper.id);
    expect(after).toMatchObject({ balance: 0, clock: null, ledgerSum: 0 });
    expect(after.forfeitures).toHaveLength(1);
    expect(after.forfeitures[0]).toMatchObject({
      amount: -600,
      balanceAfter: 0,
      idempotencyKey: `forfeit:${shopper.id}:${T0.toISOString()}`,
      reason: "6 месяцев без заказа приза",
      createdAt: F0,
    });
  });

  it("agrees with forfeiture-date.ts at month ends and around Moscow midnight", async () => {
    const clocks = [
      msk("2026-08-31T10:00:00.000"), // → 28 February 2027
      msk("2027-08-30T23:30:00.000"), // → 29 February 2028 (leap year)
      new Date("2026-08-30T22:00:00.000Z"), // already 31 August in Moscow → 28 February 2027, 01:00 Moscow
      msk("2026-12-31T23:59:59.999"), // → 30 June 2027
    ];
    const shoppers = [];
    for (const clock of clocks) {
      const shopper = await createShopper();
      await creditPoints(shopper.id, 100, clock);
      shoppers.push({ id: shopper.id, forfeitAt: forfeitureDate(clock, 6) });
    }
    for (const { id, forfeitAt } of [...shoppers].sort((a, b) => a.forfeitAt.getTime() - b.forfeitAt.getTime())) {
      await runForfeiture({ at: ms(forfeitAt, -1) });
      expect((await shopperState(id)).balance).toBe(100);
      await runForfeiture({ at: forfeitAt });
      expect((await shopperState(id)).balance).toBe(0);
    }
  });

  it("forfeits nothing when a prize was ordered in the period, and counts the period from the order", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 1000, T0);
    const prize = await createPrize({ pointsPrice: 300 });
    const orderedAt = msk("2026-05-20T18:00:00.000");
    await insertPrizeOrder(prize, { shopper, at: orderedAt });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 1000, clock: orderedAt });

    expect(await runForfeiture({ at: F0 })).toEqual({ shoppers: 0, points: 0 });
    expect(await runForfeiture({ at: ms(forfeitureDate(orderedAt, 6), -1) })).toEqual({ shoppers: 0, points: 0 });
    expect((await shopperState(shopper.id)).balance).toBe(1000);

    expect(await runForfeiture({ at: forfeitureDate(orderedAt, 6) })).toEqual({ shoppers: 1, points: 1000 });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 0, clock: null, ledgerSum: 0 });
  });

  it("restarts the clock: the next points start it, and the next forfeiture is the months after them", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 500, T0);
    await runForfeiture({ at: ms(F0, DAY_MS) });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 0, clock: null });

    const T1 = msk("2026-09-03T08:15:00.000");
    await creditPoints(shopper.id, 100, T1);
    expect((await shopperState(shopper.id)).clock).toEqual(T1);
    const F1 = msk("2027-03-03T08:15:00.000");
    expect(await runForfeiture({ at: ms(F1, -1) })).toEqual({ shoppers: 0, points: 0 });
    expect(await runForfeiture({ at: F1 })).toEqual({ shoppers: 1, points: 100 });

    const after = await shopperState(shopper.id);
    expect(after).toMatchObject({ balance: 0, clock: null, ledgerSum: 0 });
    expect(after.forfeitures.map((entry) => [entry.amount, entry.idempotencyKey])).toEqual([
      [-500, `forfeit:${shopper.id}:${T0.toISOString()}`],
      [-100, `forfeit:${shopper.id}:${T1.toISOString()}`],
    ]);
  });

  it("starts a new period when points arrive on a balance a prize order emptied long ago", async () => {
    const shopper = await createShopper();
    const prize = await createPrize({ pointsPrice: 500 });
    // Earned 500 and spent them all on the prize: the clock is the order's time, the balance is empty.
    const orderedAt = msk("2026-02-02T12:00:00.000");
    await insertPrizeOrder(prize, { shopper, at: orderedAt });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 0, clock: orderedAt });

    // A year after that order, new points: their period starts now, not at the order (which would have
    // them written off at the next nightly run, with no warning).
    const credited = msk("2027-02-10T09:00:00.000");
    await creditPoints(shopper.id, 500, credited);
    expect((await shopperState(shopper.id)).clock).toEqual(credited);
    expect(await runForfeiture({ at: ms(credited, DAY_MS) })).toEqual({ shoppers: 0, points: 0 });
    expect(await runForfeiture({ at: forfeitureDate(credited, 6) })).toEqual({ shoppers: 1, points: 500 });
  });

  it("leaves alone shoppers who never earned anything, spent everything, or are staff", async () => {
    const never = await createShopper();
    const spentAll = await createShopper();
    const prize = await createPrize({ pointsPrice: 400 });
    await insertPrizeOrder(prize, { shopper: spentAll, at: T0 });
    const staff = await createStaff("MODERATOR");
    const years = msk("2029-01-01T00:00:00.000");

    expect(await runForfeiture({ at: years })).toEqual({ shoppers: 0, points: 0 });
    expect(await shopperState(never.id)).toMatchObject({ balance: 0, clock: null, forfeitures: [] });
    expect(await shopperState(spentAll.id)).toMatchObject({ balance: 0, clock: T0, forfeitures: [] });
    expect(await shopperState(staff.id)).toMatchObject({ balance: 0, clock: null, forfeitures: [] });
    expect(await db.ledgerEntry.count({ where: { kind: "FORFEITURE" } })).toBe(0);
  });

  it("forfeits once when run again, e.g. after a crash or a retry", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 700, T0);
    expect(await runForfeiture({ at: F0 })).toEqual({ shoppers: 1, points: 700 });
    expect(await runForfeiture({ at: F0 })).toEqual({ shoppers: 0, points: 0 });
    expect(await runForfeiture({ at: ms(F0, 30 * DAY_MS) })).toEqual({ shoppers: 0, points: 0 });
    expect((await shopperState(shopper.id)).forfeitures).toHaveLength(1);
  });

  it("leaves a shopper untouched whose forfeiture for this clock is somehow already written", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 300, T0);
    // Data edited by hand: an entry holding this period's key. The run must not zero the balance without
    // an entry of its own (the cached balance would no longer be the ledger's sum).
    const { appendLedgerEntry } = await import("@/server/domain/ledger/append-ledger-entry");
    await db.$transaction((tx) =>
      appendLedgerEntry(tx, { customerId: shopper.id, kind: "ADJUSTMENT", amount: 1, reason: "manual", idempotencyKey: `forfeit:${shopper.id}:${T0.toISOString()}`, at: T0 }),
    );
    expect(await runForfeiture({ at: F0 })).toEqual({ shoppers: 0, points: 0 });
    expect(await shopperState(shopper.id)).toMatchObject({ balance: 301, ledgerSum: 301, forfeitures: [] });
  });

  it("forfeits each shopper once when two runs go at the same time, over many batches", async () => {
    const due: number[] = [];
    for (let index = 0; index < 24; index += 1) {
      const shopper = await createShopper();
      await creditPoints(shopper.id, 100 + index, ms(T0, index * 60_000));
      due.push(shopper.id);
    }
    const fresh = await createShopper();
    await creditPoints(fresh.id, 900, msk("2026-06-01T12:00:00.000"));
    const at = ms(F0, DAY_MS);

    const [first, second] = await Promise.all([runForfeiture({ at, idsPerBatch: 5 }), runForfeiture({ at, idsPerBatch: 3 })]);
    const expectedPoints = due.reduce((sum, _id, index) => sum + 100 + index, 0);
    expect(first.shoppers + second.shoppers).toBe(24);
    expect(first.points + second.points).toBe(expectedPoints);

    for (const id of due) {
      const state = await shopperState(id);
      expect(state.forfeitures).toHaveLength(1);
      expect(state).toMatchObject({ balance: 0, clock: null, ledgerSum: 0 });
    }
    expect(await shopperState(fresh.id)).toMatchObject({ balance: 900, ledgerSum: 900, forfeitures: [] });
    // Every cached balance still equals its ledger's sum.
    const mismatches = await db.$queryRaw<{ id: number }[]>`
      SELECT u.id FROM users u LEFT JOIN (SELECT customer_id, sum(amount) AS total FROM ledger_entries GROUP BY customer_id) l ON l.customer_id = u.id
       WHERE u.points_balance <> coalesce(l.total, 0)`;
    expect(mismatches).toEqual([]);
  });

  it("never lets a prize order and the forfeiture both spend the same points", async () => {
    const prize = await createPrize({ pointsPrice: 100, stock: 100 });
    const shoppers = [];
    for (let index = 0; index < 10; index += 1) {
      const shopper = await createShopper();
      await creditPoints(shopper.id, 100, T0);
      shoppers.push(shopper);
    }
    // Orders placed at the very moment of the run: each shopper either ordered (and keeps the clock of the
    // order) or was forfeited, never both, and no balance goes negative.
    const at = ms(F0, DAY_MS);
    const { appendLedgerEntry } = await import("@/server/domain/ledger/append-ledger-entry");
    const orders = shoppers.map((shopper) =>
      db.$transaction((tx) => appendLedgerEntry(tx, { customerId: shopper.id, kind: "PRIZE_ORDER", amount: -prize.pointsPrice, idempotencyKey: `race:${shopper.id}`, at })),
    );
    const [run, ...placed] = await Promise.allSettled([runForfeiture({ at, idsPerBatch: 2 }), ...orders]);
    expect(run.status).toBe("fulfilled");
    const ordered = placed.filter((result) => result.status === "fulfilled").length;
    expect(run.status === "fulfilled" && run.value.shoppers).toBe(10 - ordered);
    for (const shopper of shoppers) {
      const state = await shopperState(shopper.id);
      expect(state.balance).toBe(0);
      expect(state.ledgerSum).toBe(0);
    }
  });
});
