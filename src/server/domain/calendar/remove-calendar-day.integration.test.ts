import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createShopper, createStaff } from "../../../../tests/support/factories";
import { actorOf } from "../../../../tests/support/requests";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { removeCalendarDay } from "./remove-calendar-day";

function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

beforeEach(() => setClock(msk("2026-11-16T10:00:00")));

describe("removeCalendarDay", () => {
  it("removing a working Saturday moves due dates that counted it later again, with an audit row", async () => {
    const actor = actorOf(await createStaff("ADMIN"));
    await db.calendarDay.create({ data: { date: new Date("2026-11-21T00:00:00Z"), kind: "WORKING_DAY", note: "Рабочая суббота" } });
    const shopper = await createShopper();
    const product = await createProduct();
    // Filed Thursday 19 at 15:00 with the working Saturday: Fri 20, Sat 21, Mon 23, Tue 24, Wed 25.
    const request = await db.reviewRequest.create({
      data: { customerId: shopper.id, productId: product.id, reviewUrl: "https://x.test/1", reviewUrlKey: "x.test/1", filedAt: msk("2026-11-19T15:00:00"), dueAt: msk("2026-11-25T15:00:00") },
    });

    await expect(removeCalendarDay(actor, { date: "2026-11-21" })).resolves.toEqual({ date: "2026-11-21", rescheduled: 1 });
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).dueAt).toEqual(msk("2026-11-26T15:00:00"));
    expect(await db.auditLog.findMany({ select: { actorId: true, action: true, entityType: true, entityId: true, data: true } })).toEqual([
      {
        actorId: actor.id,
        action: "calendar-day.remove",
        entityType: "CalendarDay",
        entityId: "2026-11-21",
        data: { before: { kind: "WORKING_DAY", note: "Рабочая суббота" }, rescheduledRequests: 1 },
      },
    ]);
  });

  it("removing a public holiday listed on a Sunday changes no due date", async () => {
    const actor = actorOf(await createStaff("ADMIN"));
    await db.calendarDay.create({ data: { date: new Date("2026-03-08T00:00:00Z"), kind: "HOLIDAY", note: "Международный женский день" } });
    await expect(removeCalendarDay(actor, { date: "2026-03-08" })).resolves.toEqual({ date: "2026-03-08", rescheduled: 0 });
    expect(await db.auditLog.count({ where: { action: "calendar-day.remove" } })).toBe(1);
  });

  it("says so when the date is not in the calendar, writing nothing", async () => {
    const actor = actorOf(await createStaff("ADMIN"));
    const error = await removeCalendarDay(actor, { date: "2026-11-18" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "Этой даты уже нет среди исключений — обновите страницу." });
    expect(await db.auditLog.count()).toBe(0);
  });
});
