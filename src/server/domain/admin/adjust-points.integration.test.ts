import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShopper, createStaff, creditPoints } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { AdminActor } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { adjustPoints, adjustPointsInput } from "./adjust-points";
import { findShopperByPhone } from "./find-shopper-by-phone";

async function admin() {
  return actorOf(await createStaff("ADMIN"));
}

function input(customerId: number, amount: string | number, reason = "Бонус за подробный отзыв", idempotencyKey: string = randomUUID()) {
  return adjustPointsInput.parse({ customerId, amount, reason, idempotencyKey });
}

describe("manual point adjustments", () => {
  it("finds a shopper by phone written any common way, with balance and recent entries", async () => {
    const actor = await admin();
    const shopper = await createShopper({ phone: "+79123456789" });
    await creditPoints(shopper.id, 500, new Date("2026-03-01T10:00:00Z"));
    for (const typed of ["+7 912 345-67-89", "8 (912) 345 67 89", "9123456789"]) {
      await expect(findShopperByPhone(actor, { phone: typed })).resolves.toMatchObject({ id: shopper.id, pointsBalance: 500, ledgerEntries: [{ amount: 500 }] });
    }
    await expect(findShopperByPhone(actor, { phone: "+7 912 000-00-00" })).resolves.toBeNull();
    await expect(findShopperByPhone(actor, { phone: "12345" })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("Введите мобильный номер участника") });
    // Staff have no phone login; a staff id is never "a shopper".
    const staff = await createStaff("MODERATOR");
    await expect(adjustPoints(actor, input(staff.id, 50))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("credits and debits with the reason in the ledger and an audit row; a repeated submit adjusts once", async () => {
    const actor = await admin();
    const shopper = await createShopper();
    const key = randomUUID();
    const first = await adjustPoints(actor, input(shopper.id, "+50", "Бонус за подробный отзыв", key));
    expect(first).toMatchObject({ balanceAfter: 50, repeated: false });
    // The same form sent again (double click, retried request): nothing new.
    await expect(adjustPoints(actor, input(shopper.id, "+50", "Бонус за подробный отзыв", key))).resolves.toEqual({ ...first, repeated: true });
    const again = await Promise.all([1, 2, 3].map(() => adjustPoints(actor, input(shopper.id, "−20", "Исправление ошибки модератора", "same-key-for-race"))));
    expect(again.filter((result) => !result.repeated)).toHaveLength(1);

    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(30);
    expect(await db.ledgerEntry.findMany({ where: { customerId: shopper.id }, orderBy: { id: "asc" }, select: { kind: true, amount: true, balanceAfter: true, reason: true, createdById: true } })).toEqual([
      { kind: "ADJUSTMENT", amount: 50, balanceAfter: 50, reason: "Бонус за подробный отзыв", createdById: actor.id },
      { kind: "ADJUSTMENT", amount: -20, balanceAfter: 30, reason: "Исправление ошибки модератора", createdById: actor.id },
    ]);
    expect(await db.auditLog.findMany({ where: { action: "points.adjust" }, orderBy: { id: "asc" }, select: { actorId: true, entityType: true, entityId: true, data: true } })).toEqual([
      { actorId: actor.id, entityType: "User", entityId: String(shopper.id), data: { amount: 50, reason: "Бонус за подробный отзыв", balanceBefore: 0, balanceAfter: 50, ledgerEntryId: first.entryId } },
      { actorId: actor.id, entityType: "User", entityId: String(shopper.id), data: expect.objectContaining({ amount: -20, balanceBefore: 50, balanceAfter: 30 }) },
    ]);
  });

  it("refuses a debit larger than the balance and writes nothing", async () => {
    const actor = await admin();
    const shopper = await createShopper();
    await creditPoints(shopper.id, 120, new Date("2026-03-01T10:00:00Z"));
    await expect(adjustPoints(actor, input(shopper.id, "-121"))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Нельзя списать 121 балл: на счёте участника 120. Баланс не может стать меньше нуля.",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(120);
    expect(await db.ledgerEntry.count({ where: { customerId: shopper.id } })).toBe(1);
    expect(await db.auditLog.count()).toBe(0);
    await expect(adjustPoints(actor, input(shopper.id, "-120"))).resolves.toMatchObject({ balanceAfter: 0 });
  });

  it("validates the amount and the reason with clear messages", () => {
    const messageOf = (overrides: Record<string, unknown>) =>
      adjustPointsInput.safeParse({ customerId: 1, amount: "50", reason: "Бонус за отзыв", idempotencyKey: randomUUID(), ...overrides }).error?.issues[0]?.message;
    const amountMessage = "Укажите целое число баллов, не ноль: «50» начислит баллы, «-50» спишет.";
    expect(messageOf({ amount: "0" })).toBe(amountMessage);
    expect(messageOf({ amount: "" })).toBe(amountMessage);
    expect(messageOf({ amount: "1.5" })).toBe(amountMessage);
    expect(messageOf({ amount: "много" })).toBe(amountMessage);
    expect(messageOf({ amount: "2000000" })).toBe("За одну корректировку — не больше 1\u00a0000\u00a0000 баллов.");
    expect(messageOf({ reason: "  ок  " })).toBe("Напишите причину корректировки (не короче 5 символов): её увидит участник в истории баллов.");
    expect(messageOf({ amount: "−1 000" })).toBeUndefined();
  });

  it("refuses moderators and brand staff", async () => {
    const shopper = await createShopper();
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const actor = wrongRole<AdminActor>(actorOf(await createStaff(role)));
      await expect(adjustPoints(actor, input(shopper.id, 50))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(findShopperByPhone(actor, { phone: shopper.phone! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.ledgerEntry.count()).toBe(0);
  });
});
