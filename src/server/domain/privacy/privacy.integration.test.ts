import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrize, createPrizeCodes, createStaff, creditPoints } from "../../../../tests/support/factories";
import { insertPrizeOrder, setOrderStatus } from "../../../../tests/support/orders";
import { actorOf, createModerator, fileTestRequest, wrongRole } from "../../../../tests/support/requests";
import { rejectionOf } from "../../../../tests/support/rejection";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { getImageForViewer } from "@/server/domain/images/get-image-for-viewer";
import { decideRequestPart } from "@/server/domain/moderation/decide-request-part";
import { AppError } from "@/server/errors";
import { objectStorage } from "@/server/storage";
import { DELETION_WRITE_OFF_REASON, deleteShopperData } from "./delete-shopper-data";
import { exportMyData } from "./export-my-data";
import { findShopperForPrivacy } from "./find-shopper-for-privacy";

const T0 = new Date("2026-03-02T09:00:00Z");

let uploadsDir: string;
beforeEach(async () => {
  uploadsDir = await mkdtemp(path.join(tmpdir(), "carely-privacy-"));
  process.env.UPLOADS_DIR = uploadsDir;
  resetEnvCache();
  setClock(T0);
});
afterEach(async () => {
  delete process.env.UPLOADS_DIR;
  resetEnvCache();
  await rm(uploadsDir, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

/** A shopper with everything the portal can hold about one: a request (decided in part), points, orders, messages, codes, audit mentions. */
async function richShopper(tag: string) {
  const phone = `+7900${tag}`;
  const contactEmail = `shopper-${tag}@example.test`;
  const deliveryEmail = `codes-${tag}@example.test`;
  const name = `Имя-${tag}`;
  const recipientName = `Получатель-${tag}`;
  const recipientPhone = `+7916${tag}`;
  const user = await db.user.create({
    data: { role: "CUSTOMER", phone, contactEmail, name, consentAt: T0, consentVersion: "test" },
  });
  const shopper = actorOf({ ...user, role: "CUSTOMER" });
  const { requestId } = await fileTestRequest({ shopper });
  const moderator = await createModerator();
  const review = await db.requestPart.findFirstOrThrow({ where: { requestId, kind: "REVIEW" } });
  await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: review.attempt });
  await creditPoints(user.id, 300, T0);

  const physical = await createPrize({ kind: "PHYSICAL", pointsPrice: 200 });
  const shipped = await insertPrizeOrder(physical, { shopper: user, recipientName, recipientPhone, at: T0 });
  await setOrderStatus(shipped.id, "SHIPPED", T0);
  await db.prizeOrder.update({ where: { id: shipped.id }, data: { status: "DELIVERED", deliveredAt: T0 } });
  const digital = await createPrize({ kind: "DIGITAL", pointsPrice: 100 });
  await createPrizeCodes(digital.id, 1);
  const cancelled = await insertPrizeOrder(digital, { shopper: user, deliveryEmail, at: T0 });
  await db.prizeOrder.update({ where: { id: cancelled.id }, data: { status: "CANCELLED", cancelledAt: T0, cancelReason: "test" } });

  await db.notification.create({ data: { userId: user.id, title: "Привет", body: `Для ${name}` } });
  await db.outboxMessage.createMany({
    data: [
      { channel: "SMS", recipient: phone, text: "Код 123456", status: "SENT" },
      { channel: "EMAIL", recipient: contactEmail, subject: "Решение", text: `Здравствуйте, ${name}`, status: "PENDING" },
      { channel: "EMAIL", recipient: deliveryEmail, subject: "Код", text: "Ваш код", status: "FAILED", nextAttemptAt: T0 },
    ],
  });
  await db.otpCode.create({ data: { phone, codeHash: "x", expiresAt: T0 } });
  await db.rateLimitHit.create({ data: { bucket: "otp-phone", key: phone } });
  await db.rateLimitHit.create({ data: { bucket: "otp-device", key: `${phone}|${"d".repeat(64)}` } });
  await db.signInTrust.create({ data: { userId: user.id, kind: "DEVICE", value: "d".repeat(64) } });
  const admin = await createStaff("ADMIN");
  await db.auditLog.create({ data: { actorId: admin.id, action: "test.mention", entityType: "User", entityId: String(user.id), data: { phone, nested: { email: contactEmail } } } });

  const imageKeys = (await db.image.findMany({ where: { ownerId: user.id } })).flatMap((image) => [image.storageKey, image.thumbKey!]);
  return { user, shopper, requestId, phone, contactEmail, deliveryEmail, name, recipientName, recipientPhone, imageKeys };
}

/** Rows anywhere in the database whose text contains `value` (every column of every table). */
async function rowsMentioning(value: string): Promise<string[]> {
  const tables = await db.$queryRaw<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}" t WHERE strpos(t::text, $1) > 0`, value);
    if (row && row.n > 0) found.push(`${name}: ${row.n}`);
  }
  return found;
}

async function figures() {
  const [row] = await db.$queryRaw<{ credited: bigint; spent: bigint; forfeited: bigint; outstanding: bigint; mismatched: number }[]>`
    SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE kind IN ('REVIEW_APPROVED', 'RECEIPT_APPROVED', 'ADJUSTMENT') AND amount > 0) AS credited,
           (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE kind IN ('PRIZE_ORDER', 'PRIZE_REFUND')) AS spent,
           (SELECT coalesce(-sum(amount), 0) FROM ledger_entries WHERE kind = 'FORFEITURE') AS forfeited,
           (SELECT coalesce(sum(points_balance), 0) FROM users) AS outstanding,
           (SELECT count(*)::int FROM users u
             WHERE u.points_balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entries l WHERE l.customer_id = u.id)) AS mismatched`;
  return { credited: Number(row!.credited), spent: Number(row!.spent), forfeited: Number(row!.forfeited), outstanding: Number(row!.outstanding), mismatched: row!.mismatched };
}

async function exists(key: string): Promise<boolean> {
  return (await objectStorage().get(key)) !== null;
}

describe("deleting a shopper's personal data", () => {
  it("removes phone, name, emails and images everywhere, writes the balance off once and leaves another shopper alone", async () => {
    const a = await richShopper("1111111");
    const b = await richShopper("2222222");
    const before = await figures();
    const balanceA = (await db.user.findUniqueOrThrow({ where: { id: a.user.id } })).pointsBalance;
    expect(balanceA).toBe(500 + 300);
    for (const key of [...a.imageKeys, ...b.imageKeys]) expect(await exists(key)).toBe(true);
    for (const value of [a.phone, a.contactEmail, a.deliveryEmail, a.name, a.recipientName, a.recipientPhone]) expect(await rowsMentioning(value)).not.toEqual([]);

    const outcome = await deleteShopperData(a.shopper, { confirmation: "удалить" });
    expect(outcome).toEqual({ changed: true, customerId: a.user.id, pointsWrittenOff: balanceA, storageFailures: 0 });

    // Nothing anywhere still holds the shopper's identifiers.
    for (const value of [a.phone, a.contactEmail, a.deliveryEmail, a.name, a.recipientName, a.recipientPhone]) expect(await rowsMentioning(value)).toEqual([]);
    expect(await db.signInTrust.count({ where: { userId: a.user.id } })).toBe(0);
    const user = await db.user.findUniqueOrThrow({ where: { id: a.user.id } });
    expect(user).toMatchObject({ phone: null, name: null, contactEmail: null, isActive: false, anonymisedAt: T0, pointsBalance: 0, inactivityClockFrom: null, consentAt: T0 });

    // Files gone, rows kept (receipts hang on them), the other shopper's files untouched.
    for (const key of a.imageKeys) expect(await exists(key)).toBe(false);
    for (const key of b.imageKeys) expect(await exists(key)).toBe(true);
    const images = await db.image.findMany({ where: { ownerId: a.user.id } });
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatchObject({ storageKey: `erased/${image.id}`, thumbKey: null, qrText: null });
    const moderator = await createModerator();
    expect((await failure(getImageForViewer(moderator, { id: images[0]!.id, variant: "full" }))).code).toBe("NOT_FOUND");

    // The receipt keeps its fiscal key (the "earns once" guard), date and sum; the raw QR is gone.
    const receipt = await db.receipt.findFirstOrThrow({ where: { part: { requestId: a.requestId } } });
    expect(receipt.qrText).toBeNull();
    expect(receipt.fiscalKey).not.toBeNull();

    // The open receipt part is closed; the approved review part stays approved.
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { id: a.requestId }, include: { parts: true } });
    expect(request.status).toBe("PARTIALLY_APPROVED");
    expect(request.parts.find((part) => part.kind === "RECEIPT")).toMatchObject({ status: "REJECTED", decidedById: a.user.id });

    // Points: one FORFEITURE entry for the balance; every balance equals its ledger; credited unchanged.
    const writeOffs = await db.ledgerEntry.findMany({ where: { customerId: a.user.id, kind: "FORFEITURE" } });
    expect(writeOffs).toMatchObject([{ amount: -balanceA, balanceAfter: 0, reason: DELETION_WRITE_OFF_REASON }]);
    const after = await figures();
    expect(after).toEqual({ ...before, forfeited: before.forfeited + balanceA, outstanding: before.outstanding - balanceA, mismatched: 0 });

    // Outbox rows to the shopper are redacted and the unsent ones will never go out.
    const outbox = await db.outboxMessage.findMany({ where: { recipient: "[удалено]" } });
    expect(outbox.length).toBeGreaterThanOrEqual(3);
    for (const row of outbox) expect(row.status === "SENT" || (row.status === "FAILED" && row.nextAttemptAt === null)).toBe(true);
    expect(await db.notification.count({ where: { userId: a.user.id } })).toBe(0);

    // The other shopper keeps everything.
    const other = await db.user.findUniqueOrThrow({ where: { id: b.user.id } });
    expect(other).toMatchObject({ phone: b.phone, contactEmail: b.contactEmail, name: b.name, isActive: true, anonymisedAt: null });
    expect(await db.outboxMessage.count({ where: { recipient: { in: [b.phone, b.contactEmail, b.deliveryEmail] } } })).toBeGreaterThanOrEqual(3);
    expect(await db.otpCode.count({ where: { phone: b.phone } })).toBe(1);

    const audit = await db.auditLog.findMany({ where: { action: "shopper.anonymise" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: a.user.id, entityType: "User", entityId: String(a.user.id) });

    // A second deletion changes nothing (and retries the files, which are already gone).
    const ledgerCount = await db.ledgerEntry.count();
    expect(await deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ" })).toEqual({ changed: false, customerId: a.user.id, storageFailures: 0 });
    expect(await db.ledgerEntry.count()).toBe(ledgerCount);
    expect(await db.auditLog.count({ where: { action: "shopper.anonymise" } })).toBe(1);
    expect(await figures()).toEqual(after);
  });

  it("lets the same phone register again as a new account", async () => {
    const a = await richShopper("3333333");
    await deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ" });
    const again = await db.user.create({ data: { role: "CUSTOMER", phone: a.phone, consentAt: T0, consentVersion: "test" } });
    expect(again.id).not.toBe(a.user.id);
    expect(again.pointsBalance).toBe(0);
  });

  it("refuses while a prize order is still in progress, naming it, and changes nothing", async () => {
    const a = await richShopper("4444444");
    const prize = await createPrize({ kind: "PHYSICAL", pointsPrice: 100 });
    const order = await insertPrizeOrder(prize, { shopper: a.user, at: T0 });
    await setOrderStatus(order.id, "SHIPPED", T0);

    const error = await failure(deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(`№${order.id}`);
    expect(await db.user.findUniqueOrThrow({ where: { id: a.user.id } })).toMatchObject({ phone: a.phone, isActive: true, anonymisedAt: null });
    for (const key of a.imageKeys) expect(await exists(key)).toBe(true);
  });

  it("checks the confirmation word, the role and, for administrators, the note", async () => {
    const a = await richShopper("5555555");
    const b = await richShopper("6666666");
    const admin = actorOf(await createStaff("ADMIN"));

    expect((await failure(deleteShopperData(a.shopper, { confirmation: "да" }))).code).toBe("VALIDATION");
    // A shopper can name nobody but themself.
    expect((await failure(deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ", customerId: b.user.id }))).code).toBe("NOT_FOUND");
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const staff = actorOf(await createStaff(role));
      expect((await failure(deleteShopperData(wrongRole(staff), { confirmation: "УДАЛИТЬ", customerId: a.user.id, note: "письмо" }))).code).toBe("FORBIDDEN");
    }
    expect((await failure(deleteShopperData(admin, { confirmation: "УДАЛИТЬ", customerId: a.user.id }))).code).toBe("VALIDATION");
    // Staff accounts are not deleted here.
    expect((await failure(deleteShopperData(admin, { confirmation: "УДАЛИТЬ", customerId: admin.id, note: "письмо" }))).code).toBe("NOT_FOUND");
    expect(await db.user.count({ where: { anonymisedAt: { not: null } } })).toBe(0);

    // The administrator finds the shopper by phone and deletes; a phone quoted in the note is not kept.
    const found = await findShopperForPrivacy(admin, { query: `8 (900) ${a.phone.slice(5, 8)}-${a.phone.slice(8, 10)}-${a.phone.slice(10)}` });
    expect(found).toMatchObject({ id: a.user.id, ordersInProgress: [] });
    const outcome = await deleteShopperData(admin, { confirmation: "УДАЛИТЬ", customerId: a.user.id, note: `Письмо от ${a.phone}, обращение 17` });
    expect(outcome.changed).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "shopper.anonymise" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toMatchObject({ by: "admin", note: "Письмо от [удалено], обращение 17" });
    expect(await rowsMentioning(a.phone)).toEqual([]);
    // After deletion the account is found by its number only.
    expect(await findShopperForPrivacy(admin, { query: a.phone })).toBeNull();
    expect(await findShopperForPrivacy(admin, { query: `№${a.user.id}` })).toMatchObject({ id: a.user.id, phone: null, anonymisedAt: T0 });
    expect(await db.user.findUniqueOrThrow({ where: { id: b.user.id } })).toMatchObject({ phone: b.phone, anonymisedAt: null });
  });
});

describe("exporting a shopper's data", () => {
  it("gives the shopper everything about them and nothing about anyone else", async () => {
    const a = await richShopper("7777777");
    const b = await richShopper("8888888");
    const { fileName, content } = await exportMyData(a.shopper, {});
    expect(fileName).toBe(`carely-data-${a.user.id}-2026-03-02.json`);
    const data = JSON.parse(content) as {
      profile: { phone: string; contactEmail: string; name: string };
      consent: { givenAt: string };
      requests: { id: number; parts: { kind: string; images: { url: string | null }[]; receipts: { qrText: string | null }[] }[] }[];
      ledger: unknown[];
      orders: { recipientName: string | null; deliveryEmail: string | null }[];
      notifications: unknown[];
    };
    expect(data.profile).toMatchObject({ phone: a.phone, contactEmail: a.contactEmail, name: a.name });
    expect(data.consent.givenAt).toBe(T0.toISOString());
    expect(data.requests.map((request) => request.id)).toEqual([a.requestId]);
    const images = data.requests[0]!.parts.flatMap((part) => part.images);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.url).toMatch(/\/api\/images\/[0-9a-f-]{36}$/);
    expect(data.requests[0]!.parts.find((part) => part.kind === "RECEIPT")!.receipts[0]!.qrText).toBeTruthy();
    expect(data.ledger.length).toBe(await db.ledgerEntry.count({ where: { customerId: a.user.id } }));
    expect(data.orders.map((order) => order.recipientName ?? order.deliveryEmail).sort()).toEqual([a.deliveryEmail, a.recipientName].sort());
    expect(data.notifications.length).toBe(await db.notification.count({ where: { userId: a.user.id } }));
    for (const value of [b.phone, b.contactEmail, b.deliveryEmail, b.name, b.recipientName]) expect(content).not.toContain(value);

    // A shopper cannot ask for someone else's file.
    expect((await failure(exportMyData(a.shopper, { customerId: b.user.id }))).code).toBe("NOT_FOUND");
  });

  it("lets an administrator export a shopper's data (audited) and nobody else on staff", async () => {
    const a = await richShopper("9999999");
    const admin = actorOf(await createStaff("ADMIN"));
    const { content } = await exportMyData(admin, { customerId: a.user.id });
    expect(content).toContain(a.phone);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "shopper.export" } })).toMatchObject({ actorId: admin.id, entityId: String(a.user.id) });
    for (const role of ["MODERATOR", "STAFF"] as const) {
      const staff = actorOf(await createStaff(role));
      expect((await failure(exportMyData(wrongRole(staff), { customerId: a.user.id }))).code).toBe("FORBIDDEN");
    }
    expect((await failure(exportMyData(admin, { customerId: admin.id }))).code).toBe("NOT_FOUND");
  });

  it("after deletion, exports the anonymised remainder without image links", async () => {
    const a = await richShopper("1212121");
    await deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ" });
    const admin = actorOf(await createStaff("ADMIN"));
    const { content } = await exportMyData(admin, { customerId: a.user.id });
    const data = JSON.parse(content) as { profile: { phone: null; anonymisedAt: string }; requests: { parts: { images: { url: string | null }[] }[] }[] };
    expect(data.profile).toMatchObject({ phone: null, anonymisedAt: T0.toISOString() });
    for (const image of data.requests.flatMap((request) => request.parts.flatMap((part) => part.images))) expect(image.url).toBeNull();
    for (const value of [a.phone, a.contactEmail, a.name]) expect(content).not.toContain(value);
  });
});
