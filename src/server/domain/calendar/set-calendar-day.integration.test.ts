import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createShopper, createStaff } from "../../../../tests/support/factories";
import { actorOf, fileTestRequest, wrongRole } from "../../../../tests/support/requests";
import type { AdminActor } from "@/server/auth/assert-role";
import { addBusinessDays } from "@/server/calendar/business-days";
import { dueAfterBusinessDays } from "@/server/calendar/due-dates";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { PROGRAMME_SETTINGS_KEY } from "@/server/settings/programme-settings";
import { removeCalendarDay } from "./remove-calendar-day";
import { setCalendarDay, setCalendarDayInput } from "./set-calendar-day";

/** An instant given as Moscow wall-clock time. */
function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string> } | null> {
  return promise.then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      throw error;
    },
  );
}

async function admin() {
  return actorOf(await createStaff("ADMIN"));
}

/** An open request whose current round started at `startedAt` (filing, or a later re-submission). */
async function openRequest(options: { filedAt: Date; resubmittedAt?: Date; dueAt?: Date; status?: "PENDING" | "IN_REVIEW" | "APPROVED" }) {
  const shopper = await createShopper();
  const product = await createProduct();
  const startedAt = options.resubmittedAt ?? options.filedAt;
  return db.reviewRequest.create({
    data: {
      customerId: shopper.id,
      productId: product.id,
      reviewUrl: `https://irecommend.ru/content/${Math.random()}`,
      reviewUrlKey: `irecommend.ru/content/${Math.random()}`,
      status: options.status ?? "PENDING",
      filedAt: options.filedAt,
      dueAt: options.dueAt ?? addBusinessDays(startedAt, 5, new Map()),
      parts: {
        create: [
          { kind: "REVIEW", submittedAt: options.filedAt, status: options.resubmittedAt ? "APPROVED" : "PENDING" },
          { kind: "RECEIPT", submittedAt: startedAt, attempt: options.resubmittedAt ? 2 : 1 },
        ],
      },
    },
    select: { id: true, dueAt: true },
  });
}

async function dueOf(id: number): Promise<Date> {
  return (await db.reviewRequest.findUniqueOrThrow({ where: { id }, select: { dueAt: true } })).dueAt;
}

beforeEach(() => setClock(msk("2026-11-16T10:00:00")));

describe("setCalendarDay", () => {
  it("adds a holiday with an audit row, and the open request's due date moves past it; removing it restores the date", async () => {
    // Filed on Monday 16 November 2026 at 10:00 through the real filing path: due Monday 23rd.
    const { requestId } = await fileTestRequest();
    expect(await dueOf(requestId)).toEqual(msk("2026-11-23T10:00:00"));
    const actor = await admin();

    const added = await setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: "  Тестовый выходной  " });
    expect(added).toEqual({ date: "2026-11-18", kind: "HOLIDAY", note: "Тестовый выходной", outcome: "CREATED", rescheduled: 1 });
    expect(await dueOf(requestId)).toEqual(msk("2026-11-24T10:00:00"));

    const row = await db.calendarDay.findUniqueOrThrow({ where: { date: new Date("2026-11-18T00:00:00Z") } });
    expect(row).toMatchObject({ kind: "HOLIDAY", note: "Тестовый выходной", updatedById: actor.id });
    const audit = await db.auditLog.findMany({ where: { entityType: "CalendarDay" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: actor.id,
      action: "calendar-day.create",
      entityId: "2026-11-18",
      data: { before: null, after: { kind: "HOLIDAY", note: "Тестовый выходной" }, rescheduledRequests: 1 },
    });

    // The cache was dropped after commit: the next filing already counts the new holiday.
    await expect(dueAfterBusinessDays(msk("2026-11-16T10:00:00"), 5)).resolves.toEqual(msk("2026-11-24T10:00:00"));

    await expect(removeCalendarDay(actor, { date: "2026-11-18" })).resolves.toEqual({ date: "2026-11-18", rescheduled: 1 });
    expect(await dueOf(requestId)).toEqual(msk("2026-11-23T10:00:00"));
    expect(await db.calendarDay.count()).toBe(0);
    expect(await db.auditLog.findFirst({ where: { action: "calendar-day.remove" } })).toMatchObject({
      actorId: actor.id,
      entityId: "2026-11-18",
      data: { before: { kind: "HOLIDAY", note: "Тестовый выходной" }, rescheduledRequests: 1 },
    });
    await expect(dueAfterBusinessDays(msk("2026-11-16T10:00:00"), 5)).resolves.toEqual(msk("2026-11-23T10:00:00"));
  });

  it("moves only the requests the date falls into, from the start of their current round", async () => {
    const actor = await admin();
    const affected = await openRequest({ filedAt: msk("2026-11-16T10:00:00") }); // due Mon 23
    const inReview = await openRequest({ filedAt: msk("2026-11-17T23:30:00"), status: "IN_REVIEW" }); // due Tue 24, 23:30
    const filedThatDay = await openRequest({ filedAt: msk("2026-11-18T09:00:00") }); // counting starts on the 19th
    const dueBefore = await openRequest({ filedAt: msk("2026-11-09T10:00:00") }); // due Mon 16
    const decided = await openRequest({ filedAt: msk("2026-11-16T10:00:00"), status: "APPROVED" });
    // Filed long before, but its receipt was sent again on the 17th: a new round, due Tue 24.
    const resubmitted = await openRequest({ filedAt: msk("2026-10-01T12:00:00"), resubmittedAt: msk("2026-11-17T08:00:00") });
    const resubmittedAfter = await openRequest({ filedAt: msk("2026-11-02T12:00:00"), resubmittedAt: msk("2026-11-18T08:00:00") });

    const result = await setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: "Перенос" });
    expect(result.rescheduled).toBe(3);
    expect(await dueOf(affected.id)).toEqual(msk("2026-11-24T10:00:00"));
    expect(await dueOf(inReview.id)).toEqual(msk("2026-11-25T23:30:00"));
    expect(await dueOf(resubmitted.id)).toEqual(msk("2026-11-25T08:00:00"));
    for (const untouched of [filedThatDay, dueBefore, decided, resubmittedAfter]) expect(await dueOf(untouched.id)).toEqual(untouched.dueAt);
  });

  it("a working Saturday brings due dates forward, and uses the SLA setting", async () => {
    const actor = await admin();
    await db.setting.create({ data: { key: PROGRAMME_SETTINGS_KEY, value: { moderationBusinessDays: 3 } } });
    const request = await openRequest({ filedAt: msk("2026-11-19T15:00:00"), dueAt: msk("2026-11-24T15:00:00") }); // Thu → Fri, Mon, Tue
    const result = await setCalendarDay(actor, { date: "2026-11-21", kind: "WORKING_DAY", note: "Рабочая суббота" });
    expect(result).toMatchObject({ outcome: "CREATED", rescheduled: 1 });
    // Fri 20 (1), Sat 21 working (2), Mon 23 (3).
    expect(await dueOf(request.id)).toEqual(msk("2026-11-23T15:00:00"));
  });

  it("counts every exception in the calendar, not only the changed day", async () => {
    const actor = await admin();
    await db.calendarDay.create({ data: { date: new Date("2026-11-23T00:00:00Z"), kind: "HOLIDAY", note: "Уже был" } });
    const request = await openRequest({ filedAt: msk("2026-11-16T10:00:00"), dueAt: msk("2026-11-24T10:00:00") });
    await setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: null });
    // 17 (1), 19 (2), 20 (3), 23 off, 24 (4), 25 (5).
    expect(await dueOf(request.id)).toEqual(msk("2026-11-25T10:00:00"));
  });

  it("changing only the note moves nothing, and saving the same values writes nothing", async () => {
    const actor = await admin();
    await setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: "Первое" });
    const request = await openRequest({ filedAt: msk("2026-11-16T10:00:00"), dueAt: msk("2026-11-24T10:00:00") });

    await expect(setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: "Второе" })).resolves.toMatchObject({ outcome: "UPDATED", rescheduled: 0 });
    expect(await dueOf(request.id)).toEqual(msk("2026-11-24T10:00:00"));
    await expect(setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY", note: "Второе" })).resolves.toMatchObject({ outcome: "UNCHANGED" });
    const actions = (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((entry) => [entry.action, entry.data]);
    expect(actions).toEqual([
      ["calendar-day.create", { before: null, after: { kind: "HOLIDAY", note: "Первое" }, rescheduledRequests: 0 }],
      ["calendar-day.update", { before: { kind: "HOLIDAY", note: "Первое" }, after: { kind: "HOLIDAY", note: "Второе" }, rescheduledRequests: 0 }],
    ]);
  });

  it("refuses a working day on a weekday and a holiday on a weekend, in Russian, writing nothing", async () => {
    const actor = await admin();
    const weekday = await failureOf(setCalendarDay(actor, { date: "2026-11-18", kind: "WORKING_DAY" }));
    expect(weekday).toMatchObject({ code: "VALIDATION", fieldErrors: { kind: expect.stringContaining("18 ноября 2026 (среда) — это и так рабочий день") } });
    const weekend = await failureOf(setCalendarDay(actor, { date: "2026-11-21", kind: "HOLIDAY" }));
    expect(weekend).toMatchObject({ code: "VALIDATION", fieldErrors: { kind: expect.stringContaining("21 ноября 2026 (суббота) — это и так выходной") } });
    expect(await db.calendarDay.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("keeps a public holiday that falls on a weekend editable (the production calendar lists them)", async () => {
    const actor = await admin();
    await db.calendarDay.create({ data: { date: new Date("2026-03-08T00:00:00Z"), kind: "HOLIDAY", note: "Международный женский день" } });
    await expect(setCalendarDay(actor, { date: "2026-03-08", kind: "HOLIDAY", note: "8 Марта" })).resolves.toMatchObject({ outcome: "UPDATED", rescheduled: 0 });
    // Making it a working Sunday instead is a real change of the calendar.
    await expect(setCalendarDay(actor, { date: "2026-03-08", kind: "WORKING_DAY", note: "Рабочее воскресенье" })).resolves.toMatchObject({ outcome: "UPDATED" });
  });

  it("validates the date and the note with clear messages", () => {
    const messageOf = (input: unknown) => setCalendarDayInput.safeParse(input).error?.issues[0]?.message;
    expect(messageOf({ date: "2026-02-30", kind: "HOLIDAY" })).toBe("Такой даты нет в календаре.");
    expect(messageOf({ date: "18.11.2026", kind: "HOLIDAY" })).toBe("Укажите дату в формате ГГГГ-ММ-ДД.");
    expect(messageOf({ date: "", kind: "HOLIDAY" })).toBe("Укажите дату.");
    expect(messageOf({ date: "1999-01-04", kind: "HOLIDAY" })).toBe("Календарь ведётся для 2020–2100 годов.");
    expect(messageOf({ date: "2026-11-18", kind: "DAY_OFF" })).toBe("Выберите, чем будет этот день: выходным или рабочим.");
    expect(messageOf({ date: "2026-11-18", kind: "HOLIDAY", note: "x".repeat(201) })).toBe("Примечание — не длиннее 200 символов.");
    expect(setCalendarDayInput.parse({ date: " 2028-02-29 ", kind: "HOLIDAY" })).toEqual({ date: "2028-02-29", kind: "HOLIDAY" });
  });

  it("refuses moderators and brand staff", async () => {
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const actor = wrongRole<AdminActor>(actorOf(await createStaff(role)));
      expect(await failureOf(setCalendarDay(actor, { date: "2026-11-18", kind: "HOLIDAY" }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await failureOf(removeCalendarDay(actor, { date: "2026-11-18" }))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.calendarDay.count()).toBe(0);
  });

  it("reschedules tens of thousands of open requests in one statement, exactly as addBusinessDays does", async () => {
    const actor = await admin();
    const shopper = await createShopper();
    const product = await createProduct();
    await db.calendarDay.createMany({
      data: [
        { date: new Date("2026-11-04T00:00:00Z"), kind: "HOLIDAY", note: "День народного единства" },
        { date: new Date("2026-12-31T00:00:00Z"), kind: "HOLIDAY", note: "Перенос" },
      ],
    });
    // 20 000 open requests filed every ~3 minutes from 1 November to 12 December 2026, due in the far
    // future so that the date falls into the window of every one filed before it.
    const count = 20_000;
    await db.$executeRaw`
      INSERT INTO review_requests (customer_id, product_id, review_url, review_url_key, status, filed_at, due_at, updated_at)
      SELECT ${shopper.id}, ${product.id}, 'https://example.test/' || n, 'example.test/' || n,
             CASE WHEN n % 3 = 0 THEN 'IN_REVIEW'::"RequestStatus" ELSE 'PENDING'::"RequestStatus" END,
             timestamp '2026-10-31 21:00:00' + n * interval '181 seconds', timestamp '2027-06-01 00:00:00', now()
        FROM generate_series(1, ${count}) AS n`;
    await db.$executeRaw`
      INSERT INTO request_parts (request_id, kind, submitted_at) SELECT id, 'REVIEW', filed_at FROM review_requests`;

    const result = await setCalendarDay(actor, { date: "2026-12-09", kind: "HOLIDAY", note: "Нагрузочный тест" });

    const rows = await db.reviewRequest.findMany({ select: { filedAt: true, dueAt: true } });
    const calendar = new Map([
      ["2026-11-04", "HOLIDAY"],
      ["2026-12-09", "HOLIDAY"],
      ["2026-12-31", "HOLIDAY"],
    ] as const);
    // Filed on the 9th or later (in Moscow): counting starts after the date, nothing to move.
    const dayStart = msk("2026-12-09T00:00:00");
    const expected = rows.filter((row) => row.filedAt < dayStart);
    expect(result.rescheduled).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(18_000);
    expect(expected.length).toBeLessThan(count);
    for (const row of rows) {
      expect(row.dueAt).toEqual(row.filedAt < dayStart ? addBusinessDays(row.filedAt, 5, calendar) : new Date("2027-06-01T00:00:00Z"));
    }
  });
});
