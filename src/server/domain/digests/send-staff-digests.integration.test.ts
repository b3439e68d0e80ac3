import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrize, createPrizeCodes, createProduct, createShopper, createStaff } from "../../../../tests/support/factories";
import { insertPrizeOrder, setOrderStatus } from "../../../../tests/support/orders";
import type { RequestStatus } from "@/generated/prisma/enums";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { listFulfilmentDigest } from "./list-fulfilment-digest";
import { listModerationDigest } from "./list-moderation-digest";
import { sendStaffDigests } from "./send-staff-digests";

// 09:00 on Monday 2 March 2026 in Moscow, when the job runs.
const AT = new Date("2026-03-02T06:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const plus = (ms: number) => new Date(AT.getTime() + ms);

beforeEach(() => {
  setClock(AT);
  process.env.NEXTAUTH_URL = "https://portal.example";
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  vi.restoreAllMocks();
});

let requestSequence = 0;
async function request(status: RequestStatus, dueAt: Date, productId?: number) {
  requestSequence += 1;
  const shopper = await createShopper();
  const product = productId ?? (await createProduct()).id;
  return db.reviewRequest.create({
    data: {
      customerId: shopper.id,
      productId: product,
      status,
      reviewUrl: `https://irecommend.ru/content/digest-${requestSequence}`,
      reviewUrlKey: `irecommend.ru/content/digest-${requestSequence}`,
      filedAt: new Date(dueAt.getTime() - 7 * DAY),
      dueAt,
    },
  });
}

async function staffTeam() {
  const moderator = await createStaff("MODERATOR", { email: "moderator@example.test" });
  const staff = await createStaff("STAFF", { email: "staff@example.test" });
  const admin = await createStaff("ADMIN", { email: "admin@example.test" });
  await createStaff("MODERATOR", { email: "former@example.test", isActive: false });
  await createShopper({ contactEmail: "shopper@example.test" });
  return { moderator, staff, admin };
}

/** The requests of the moderation scenario: two overdue, two due later today, and three that are not the digest's business. */
async function moderationScenario() {
  const overdue = await request("PENDING", new Date("2026-02-27T12:00:00Z"));
  const overdueInReview = await request("IN_REVIEW", new Date("2026-03-01T10:00:00Z"));
  const today = await request("PENDING", new Date("2026-03-02T12:00:00Z"));
  const lateToday = await request("PENDING", new Date("2026-03-02T20:30:00Z")); // 23:30 Moscow
  await request("PENDING", new Date("2026-03-02T21:30:00Z")); // 00:30 tomorrow in Moscow
  await request("APPROVED", new Date("2026-02-27T12:00:00Z"));
  await request("REJECTED", new Date("2026-03-02T12:00:00Z"));
  return { overdue, overdueInReview, today, lateToday };
}

/** Orders near or past a deadline, and orders that are not. */
async function fulfilmentScenario() {
  const physical = await createPrize({ title: "Набор «Уход за лицом»", kind: "PHYSICAL", stock: 20 });
  const digital = await createPrize({ title: "Сертификат на 500 ₽", kind: "DIGITAL" });
  await createPrizeCodes(digital.id, 3);
  const placedAt = plus(-10 * DAY);
  const processingOverdue = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-DAY), shippingDueAt: plus(20 * DAY) });
  const processingSoon = await insertPrizeOrder(digital, { at: placedAt, processingDueAt: plus(12 * HOUR) });
  const shippingSoon = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-3 * DAY), shippingDueAt: plus(20 * HOUR) });
  await setOrderStatus(shippingSoon.id, "APPROVED", placedAt);
  const shippingOverdue = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-5 * DAY), shippingDueAt: plus(-2 * HOUR) });
  await setOrderStatus(shippingOverdue.id, "APPROVED", placedAt);
  // Not the digest's business: shipping in three days, already shipped, cancelled, everything days away.
  const later = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-5 * DAY), shippingDueAt: plus(3 * DAY) });
  await setOrderStatus(later.id, "APPROVED", placedAt);
  const shipped = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-5 * DAY), shippingDueAt: plus(-DAY) });
  await setOrderStatus(shipped.id, "SHIPPED", placedAt);
  const cancelled = await insertPrizeOrder(physical, { at: placedAt, processingDueAt: plus(-DAY) });
  await db.prizeOrder.update({ where: { id: cancelled.id }, data: { status: "CANCELLED", cancelledAt: placedAt, cancelReason: "test" } });
  await insertPrizeOrder(physical, { at: AT, processingDueAt: plus(2 * DAY), shippingDueAt: plus(30 * DAY) });
  return { processingOverdue, processingSoon, shippingSoon, shippingOverdue };
}

function digestEmails() {
  return db.outboxMessage.findMany({
    where: { template: { in: ["moderation-digest", "fulfilment-digest"] } },
    orderBy: { id: "asc" },
    select: { recipient: true, template: true, subject: true, text: true, html: true, status: true, dedupeKey: true },
  });
}

describe("the morning digests' contents", () => {
  it("moderation: requests overdue or due by the end of today in Moscow, most urgent first", async () => {
    const { overdue, overdueInReview, today, lateToday } = await moderationScenario();
    const digest = await listModerationDigest({ at: AT });
    expect(digest).toMatchObject({ overdue: 2, dueToday: 2 });
    expect(digest.items.map((item) => [item.id, item.overdue, item.status])).toEqual([
      [overdue.id, true, "PENDING"],
      [overdueInReview.id, true, "IN_REVIEW"],
      [today.id, false, "PENDING"],
      [lateToday.id, false, "PENDING"],
    ]);
  });

  it("fulfilment: orders whose processing or shipping is overdue or due within a day, nearest deadline first", async () => {
    const orders = await fulfilmentScenario();
    const digest = await listFulfilmentDigest({ at: AT });
    expect(digest).toMatchObject({ processingOverdue: 1, processingSoon: 1, shippingOverdue: 1, shippingSoon: 1, orders: 4, overdueOrders: 2 });
    expect(digest.items.map((item) => [item.id, item.processing, item.shipping])).toEqual([
      [orders.processingOverdue.id, "overdue", null],
      [orders.shippingOverdue.id, null, "overdue"],
      [orders.processingSoon.id, "soon", null],
      [orders.shippingSoon.id, null, "soon"],
    ]);
  });

  it("lists at most 20 requests and counts all of them", async () => {
    const product = await createProduct();
    for (let index = 0; index < 23; index += 1) await request("PENDING", plus(-(index + 1) * HOUR), product.id);
    const digest = await listModerationDigest({ at: AT });
    expect(digest.overdue).toBe(23);
    expect(digest.items).toHaveLength(20);
    expect(digest.items[0]!.dueAt).toEqual(plus(-23 * HOUR));
  });
});

describe("sending the morning digests", () => {
  it("emails requests to moderators and administrators, orders to brand staff and administrators, and delivers them", async () => {
    const { moderator, staff, admin } = await staffTeam();
    const requests = await moderationScenario();
    await fulfilmentScenario();

    await expect(sendStaffDigests({ at: AT })).resolves.toEqual({
      moderation: { hasContent: true, recipients: 2, queued: 2 },
      fulfilment: { hasContent: true, recipients: 2, queued: 2 },
    });
    const emails = await digestEmails();
    expect(emails.map((email) => [email.template, email.recipient, email.dedupeKey, email.status])).toEqual([
      ["moderation-digest", "moderator@example.test", `digest:moderation:${moderator.id}:2026-03-02`, "SENT"],
      ["moderation-digest", "admin@example.test", `digest:moderation:${admin.id}:2026-03-02`, "SENT"],
      ["fulfilment-digest", "staff@example.test", `digest:fulfilment:${staff.id}:2026-03-02`, "SENT"],
      ["fulfilment-digest", "admin@example.test", `digest:fulfilment:${admin.id}:2026-03-02`, "SENT"],
    ]);
    const [moderation, , fulfilment] = emails;
    expect(moderation!.subject).toBe("Модерация на 02.03.2026: просрочено 2, срок сегодня 2");
    expect(moderation!.html).toContain(`href="https://portal.example/moderation/requests/${requests.overdue.id}"`);
    expect(moderation!.html).toContain('href="https://portal.example/moderation?tab=overdue"');
    expect(moderation!.text).toContain(`Заявка №${requests.lateToday.id}`);
    expect(fulfilment!.subject).toBe("Заказы призов на 02.03.2026: просрочено 2, срок в течение суток 2");
    expect(fulfilment!.html).toContain('href="https://portal.example/staff/orders?tab=overdue"');
  });

  it("sends each staff member each digest once a day, however often the job runs", async () => {
    await staffTeam();
    await moderationScenario();

    await sendStaffDigests({ at: AT });
    // A retried or repeated run the same morning queues nothing new.
    setClock(plus(10 * 60_000));
    await expect(sendStaffDigests({ at: plus(10 * 60_000) })).resolves.toMatchObject({ moderation: { hasContent: true, recipients: 2, queued: 0 } });
    expect(await digestEmails()).toHaveLength(2);

    // The next morning is a new digest.
    setClock(plus(DAY));
    await expect(sendStaffDigests({ at: plus(DAY) })).resolves.toMatchObject({ moderation: { queued: 2 } });
    const emails = await digestEmails();
    expect(emails.map((email) => email.dedupeKey?.slice(-10))).toEqual(["2026-03-02", "2026-03-02", "2026-03-03", "2026-03-03"]);
    // By then the two due later on the 2nd and the one due at 00:30 on the 3rd are overdue too.
    expect(emails[2]!.subject).toBe("Модерация на 03.03.2026: просрочено 5, срок сегодня 0");
  });

  it("sends nothing when nothing is due", async () => {
    await staffTeam();
    await request("PENDING", plus(3 * DAY));
    await expect(sendStaffDigests({ at: AT })).resolves.toEqual({
      moderation: { hasContent: false, recipients: 0, queued: 0 },
      fulfilment: { hasContent: false, recipients: 0, queued: 0 },
    });
    expect(await db.outboxMessage.count()).toBe(0);
  });
});
