import { describe, expect, it } from "vitest";
import { createPrize, createShopper, creditPoints } from "../../../../tests/support/factories";
import { insertPrizeOrder } from "../../../../tests/support/orders";
import { db } from "@/server/db/client";
import { DAY_MS } from "@/lib/moscow-time";
import { forfeitureDate } from "./forfeiture-date";
import { sendForfeitureWarnings } from "./send-forfeiture-warnings";

const msk = (local: string) => new Date(`${local}+03:00`);
const T0 = msk("2026-01-15T12:00:00.000");
/** T0 + 6 months: when points credited at T0 go. */
const F0 = msk("2026-07-15T12:00:00.000");
const daysBefore = (days: number, extraMs = 0) => new Date(F0.getTime() - days * DAY_MS + extraMs);

async function warningsOf(customerId: number) {
  const [warnings, emails, notifications] = await Promise.all([
    db.forfeitureWarning.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
    db.outboxMessage.findMany({ where: { template: "forfeiture-warning", dedupeKey: { startsWith: `forfeit-warning:${customerId}:` } }, orderBy: { id: "asc" } }),
    db.notification.findMany({ where: { userId: customerId }, orderBy: { id: "asc" } }),
  ]);
  return { warnings, emails, notifications };
}

describe("sendForfeitureWarnings", () => {
  it("warns 30 and then 7 days before, each once however often the job runs, by email and in the cabinet", async () => {
    const shopper = await createShopper({ contactEmail: "anna@example.test" });
    await creditPoints(shopper.id, 1500, T0);

    expect(await sendForfeitureWarnings({ at: daysBefore(30, -1) })).toEqual({ warned: 0, emailed: 0 });
    expect(await sendForfeitureWarnings({ at: daysBefore(30) })).toEqual({ warned: 1, emailed: 1 });
    expect(await sendForfeitureWarnings({ at: daysBefore(30) })).toEqual({ warned: 0, emailed: 0 });
    expect(await sendForfeitureWarnings({ at: daysBefore(20) })).toEqual({ warned: 0, emailed: 0 });
    expect(await sendForfeitureWarnings({ at: daysBefore(7) })).toEqual({ warned: 1, emailed: 1 });
    expect(await sendForfeitureWarnings({ at: daysBefore(6) })).toEqual({ warned: 0, emailed: 0 });
    expect(await sendForfeitureWarnings({ at: daysBefore(0, -1) })).toEqual({ warned: 0, emailed: 0 });
    expect(await sendForfeitureWarnings({ at: F0 })).toEqual({ warned: 0, emailed: 0 });

    const { warnings, emails, notifications } = await warningsOf(shopper.id);
    expect(warnings.map((warning) => [warning.daysBefore, warning.points, warning.channels])).toEqual([
      [30, 1500, ["CABINET", "EMAIL"]],
      [7, 1500, ["CABINET", "EMAIL"]],
    ]);
    for (const warning of warnings) expect(warning).toMatchObject({ clockFrom: T0, forfeitAt: F0 });
    expect(emails.map((email) => [email.recipient, email.status, email.dedupeKey])).toEqual([
      ["anna@example.test", "PENDING", `forfeit-warning:${shopper.id}:${T0.toISOString()}:30`],
      ["anna@example.test", "PENDING", `forfeit-warning:${shopper.id}:${T0.toISOString()}:7`],
    ]);
    expect(emails[0]!.subject).toBe("1\u00a0500 баллов сгорят 15.07.2026 — выберите приз");
    expect(emails[1]!.text).toContain("Осталась неделя");
    expect(emails[1]!.html).toContain("http://localhost:3000/cabinet/prizes");
    expect(notifications.map((note) => [note.title, note.body, note.link])).toEqual([
      ["Баллы скоро сгорят", "1\u00a0500 баллов сгорят 15.07.2026, если не оформить заказ приза.", "/cabinet/prizes"],
      ["Баллы скоро сгорят", "1\u00a0500 баллов сгорят 15.07.2026, если не оформить заказ приза.", "/cabinet/prizes"],
    ]);
  });

  it("sends only the 7-day warning to a shopper already within 7 days (the 30-day run was missed)", async () => {
    const shopper = await createShopper({ contactEmail: "boris@example.test" });
    await creditPoints(shopper.id, 600, T0);

    expect(await sendForfeitureWarnings({ at: daysBefore(5) })).toEqual({ warned: 1, emailed: 1 });
    expect(await sendForfeitureWarnings({ at: daysBefore(4) })).toEqual({ warned: 0, emailed: 0 });
    const { warnings, emails } = await warningsOf(shopper.id);
    expect(warnings.map((warning) => warning.daysBefore)).toEqual([7]);
    expect(emails).toHaveLength(1);
  });

  it("still sends the 7-day warning when the 30-day one went out and the runs in between were missed", async () => {
    const shopper = await createShopper({ contactEmail: "vera@example.test" });
    await creditPoints(shopper.id, 600, T0);
    await sendForfeitureWarnings({ at: daysBefore(25) });
    expect(await sendForfeitureWarnings({ at: daysBefore(2) })).toEqual({ warned: 1, emailed: 1 });
    expect((await warningsOf(shopper.id)).warnings.map((warning) => warning.daysBefore)).toEqual([30, 7]);
  });

  it("warns in the cabinet only when the shopper gave no email", async () => {
    const shopper = await createShopper();
    await creditPoints(shopper.id, 100, T0);
    expect(await sendForfeitureWarnings({ at: daysBefore(10) })).toEqual({ warned: 1, emailed: 0 });
    const { warnings, emails, notifications } = await warningsOf(shopper.id);
    expect(warnings.map((warning) => warning.channels)).toEqual([["CABINET"]]);
    expect(emails).toEqual([]);
    expect(notifications).toHaveLength(1);
  });

  it("warns nobody who has nothing to lose, is blocked, or ordered a prize in the period", async () => {
    await createShopper({ contactEmail: "never@example.test" });
    const blocked = await createShopper({ contactEmail: "blocked@example.test", isActive: false });
    await creditPoints(blocked.id, 500, T0);
    const ordered = await createShopper({ contactEmail: "ordered@example.test" });
    await creditPoints(ordered.id, 800, T0);
    await insertPrizeOrder(await createPrize({ pointsPrice: 300 }), { shopper: ordered, at: msk("2026-04-01T12:00:00.000") });

    expect(await sendForfeitureWarnings({ at: daysBefore(3) })).toEqual({ warned: 0, emailed: 0 });
    expect(await db.forfeitureWarning.count()).toBe(0);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("warns again in the next period, after a prize order moved the clock", async () => {
    const shopper = await createShopper({ contactEmail: "gleb@example.test" });
    await creditPoints(shopper.id, 900, T0);
    await sendForfeitureWarnings({ at: daysBefore(30) });
    const orderedAt = daysBefore(20);
    await insertPrizeOrder(await createPrize({ pointsPrice: 300 }), { shopper, at: orderedAt });

    expect(await sendForfeitureWarnings({ at: daysBefore(7) })).toEqual({ warned: 0, emailed: 0 });
    const next = forfeitureDate(orderedAt, 6);
    expect(await sendForfeitureWarnings({ at: new Date(next.getTime() - 30 * DAY_MS) })).toEqual({ warned: 1, emailed: 1 });
    const { warnings } = await warningsOf(shopper.id);
    expect(warnings.map((warning) => [warning.clockFrom, warning.daysBefore, warning.points])).toEqual([
      [T0, 30, 900],
      [orderedAt, 30, 900],
    ]);
  });

  it("records and emails each warning once when two runs go at the same time, over many batches", async () => {
    const ids: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const shopper = await createShopper({ contactEmail: index % 3 === 0 ? null : `shopper${index}@example.test` });
      await creditPoints(shopper.id, 100 * (index + 1), new Date(T0.getTime() + index * 60_000));
      ids.push(shopper.id);
    }
    const at = daysBefore(12);
    const [first, second] = await Promise.all([sendForfeitureWarnings({ at, shoppersPerBatch: 5 }), sendForfeitureWarnings({ at, shoppersPerBatch: 4 })]);
    expect(first.warned + second.warned).toBe(12);
    expect(first.emailed + second.emailed).toBe(8);
    expect(await db.forfeitureWarning.count()).toBe(12);
    expect(await db.outboxMessage.count({ where: { template: "forfeiture-warning" } })).toBe(8);
    expect(await db.notification.count()).toBe(12);
  });
});
