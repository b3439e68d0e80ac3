import { beforeEach, describe, expect, it } from "vitest";
import { createPrize, createShopper, createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, fileTestRequest } from "../../../../tests/support/requests";
import type { ModeratorActor } from "@/server/auth/assert-role";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { updateAutomationRules } from "@/server/domain/admin/update-automation-rules";
import { AUTOMATION_SWITCHES_OFF } from "@/lib/rules/automation-rules";
import { listModerationQueue, moderationQueueInput } from "@/server/domain/moderation/list-moderation-queue";
import { getRequestForModeration } from "@/server/domain/moderation/get-request-for-moderation";
import { takeQuickBatch } from "@/server/domain/moderation/take-quick-batch";
import { decideRequestPart } from "@/server/domain/moderation/decide-request-part";
import { updateContactEmail, updateContactEmailInput } from "@/server/domain/cabinet/update-contact-email";
import { reassessRiskAround } from "./assess-request-risk";

// Fraud signals and the risk level (docs/rules/auto-moderation.md): each signal links accounts and sets
// the level of their open requests; the queue filters and orders by it; "можно одобрить быстро" takes only
// clean requests. Screenshots differ per shopper unless a test wants them shared (the same picture from two
// accounts is itself a signal).

const T0 = new Date("2026-03-02T09:00:00Z");
let moderator: ModeratorActor;
beforeEach(async () => {
  setClock(T0);
  moderator = await createModerator();
});

const riskOf = (requestId: number) => db.reviewRequest.findUniqueOrThrow({ where: { id: requestId }, select: { riskLevel: true, riskReasons: true } });
const markDevice = (userId: number, value: string) => db.signInTrust.create({ data: { userId, kind: "DEVICE", value: value.padEnd(64, "0") } });
const order = async (customerId: number, recipient: { phone?: string; name?: string; point?: string }) =>
  db.prizeOrder.create({
    data: {
      customerId,
      prizeId: (await createPrize()).id,
      pointsSpent: 0,
      processingDueAt: T0,
      carrier: "CDEK",
      recipientPhone: recipient.phone ?? null,
      recipientName: recipient.name ?? null,
      pickupPointCode: recipient.point ?? null,
    },
  });

describe("risk level", () => {
  it("a ring of accounts on one browser: every request high risk, with the reason and the linked accounts named", async () => {
    // One after another: the linked accounts are listed by id, and concurrent creation would shuffle them.
    const ring = [];
    for (let index = 0; index < 3; index += 1) ring.push(actorOf(await createShopper()));
    const stranger = actorOf(await createShopper());
    const requests = [];
    for (const [index, shopper] of ring.entries()) {
      await markDevice(shopper.id, "ring");
      requests.push((await fileTestRequest({ shopper, receipt: null, screenshot: ["review-01-irecommend.png", "review-03-ozon.png", "review-05-wildberries.png"][index] })).requestId);
    }
    await markDevice(stranger.id, "own");
    const alone = await fileTestRequest({ shopper: stranger, receipt: null, screenshot: "review-06-wildberries-dark.jpg" });
    // The first account filed before the others shared its browser: filing re-assesses the linked accounts too.
    for (const requestId of requests) expect(await riskOf(requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-device"] });
    expect(await riskOf(alone.requestId)).toEqual({ riskLevel: "LOW", riskReasons: [] });

    const page = await getRequestForModeration(moderator, requests[0]!);
    expect(page.risk).toEqual({ level: "HIGH", signals: ["shared-device"] });
    expect(page.linkedAccounts.map((account) => [account.id, account.signals, account.requests])).toEqual([
      [ring[1]!.id, ["shared-device"], 1],
      [ring[2]!.id, ["shared-device"], 1],
    ]);
  });

  it("a staff member's browser links no one, and a link beyond the 20 shown still counts for the level", async () => {
    const shopper = actorOf(await createShopper());
    const admin = await createStaff("ADMIN");
    await markDevice(shopper.id, "work");
    await markDevice(admin.id, "work");
    const { requestId } = await fileTestRequest({ shopper, receipt: null, screenshot: "review-03-ozon.png" });
    expect(await riskOf(requestId)).toEqual({ riskLevel: "LOW", riskReasons: [] });
    expect((await getRequestForModeration(moderator, requestId)).linkedAccounts).toEqual([]);

    // 20 family members share the prize recipient's phone (medium); the 21st account, by id, shares the browser.
    const family = [];
    for (let index = 0; index < 20; index += 1) family.push(await createShopper());
    for (const member of [shopper, ...family]) await order(member.id, { phone: "+79000000021" });
    const ring = actorOf(await createShopper());
    await markDevice(ring.id, "work");
    await reassessRiskAround(shopper.id);
    expect(await riskOf(requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-device", "shared-recipient-phone"] });
    expect((await getRequestForModeration(moderator, requestId)).linkedAccounts).toHaveLength(20);
  });

  it("the same picture filed from two accounts is high risk for both", async () => {
    const first = await fileTestRequest({ receipt: null, screenshot: "review-03-ozon.png" });
    const second = await fileTestRequest({ receipt: null, screenshot: "review-03-ozon.png" });
    expect(await riskOf(first.requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-screenshot"] });
    expect(await riskOf(second.requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-screenshot"] });
  });

  it("a shared recipient phone is medium; with a shared contact email it becomes high; removing the email takes it back", async () => {
    const a = actorOf(await createShopper());
    const b = actorOf(await createShopper());
    const requestA = await fileTestRequest({ shopper: a, receipt: null, screenshot: "review-01-irecommend.png" });
    const requestB = await fileTestRequest({ shopper: b, receipt: null, screenshot: "review-05-wildberries.png" });
    await order(a.id, { phone: "+79001112233" });
    await order(b.id, { phone: "+79001112233" });
    await reassessRiskAround(b.id);
    expect(await riskOf(requestA.requestId)).toEqual({ riskLevel: "MEDIUM", riskReasons: ["shared-recipient-phone"] });

    await updateContactEmail(a, updateContactEmailInput.parse({ email: "family@example.ru" }));
    await updateContactEmail(b, updateContactEmailInput.parse({ email: "Family@Example.ru " }));
    expect(await riskOf(requestA.requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-recipient-phone", "shared-contact-email"] });
    expect(await riskOf(requestB.requestId)).toEqual({ riskLevel: "HIGH", riskReasons: ["shared-recipient-phone", "shared-contact-email"] });

    await updateContactEmail(b, updateContactEmailInput.parse({ email: "" }));
    expect(await riskOf(requestA.requestId)).toEqual({ riskLevel: "MEDIUM", riskReasons: ["shared-recipient-phone"] });
  });

  it("the same recipient name at the same pickup point links accounts; a name alone does not", async () => {
    const a = actorOf(await createShopper());
    const b = actorOf(await createShopper());
    const c = actorOf(await createShopper());
    const requestA = await fileTestRequest({ shopper: a, receipt: null, screenshot: "review-01-irecommend.png" });
    await order(a.id, { name: "Иван Петров", point: "MSK123" });
    await order(b.id, { name: "Иван Петров", point: "MSK123" });
    await order(c.id, { name: "Иван Петров", point: "SPB9" });
    await reassessRiskAround(a.id);
    expect(await riskOf(requestA.requestId)).toEqual({ riskLevel: "MEDIUM", riskReasons: ["shared-recipient-point"] });
    const page = await getRequestForModeration(moderator, requestA.requestId);
    expect(page.linkedAccounts.map((account) => account.id)).toEqual([b.id]);
  });

  it("velocity: the day's requests beyond the administrator's threshold, re-assessed when it changes", async () => {
    const admin = actorOf(await createStaff("ADMIN"));
    await updateAutomationRules(admin, { ...AUTOMATION_SWITCHES_OFF, velocityRequestsPerDay: 2 });
    const shopper = actorOf(await createShopper());
    const shots = ["review-01-irecommend.png", "review-03-ozon.png", "review-05-wildberries.png"];
    const filed = [];
    for (const screenshot of shots) filed.push((await fileTestRequest({ shopper, receipt: null, screenshot })).requestId);
    for (const requestId of filed) expect(await riskOf(requestId)).toEqual({ riskLevel: "MEDIUM", riskReasons: ["velocity"] });
    // The next Moscow day starts afresh.
    setClock(new Date(T0.getTime() + 86_400_000));
    const tomorrow = await fileTestRequest({ shopper, receipt: null, screenshot: "review-06-wildberries-dark.jpg" });
    expect(await riskOf(tomorrow.requestId)).toEqual({ riskLevel: "LOW", riskReasons: [] });

    await updateAutomationRules(admin, { ...AUTOMATION_SWITCHES_OFF, velocityRequestsPerDay: 5 });
    await reassessRiskAround(shopper.id);
    expect(await riskOf(filed[0]!)).toEqual({ riskLevel: "LOW", riskReasons: [] });
  });

  it("the queue filters by risk and, sorted by risk, keeps the due-day order with the riskiest first within a day", async () => {
    const low = await fileTestRequest({ receipt: null, screenshot: "review-01-irecommend.png" });
    setClock(new Date(T0.getTime() + 60_000));
    const high = await fileTestRequest({ receipt: null, screenshot: "review-05-wildberries.png" });
    await db.reviewRequest.update({ where: { id: high.requestId }, data: { riskLevel: "HIGH", riskReasons: ["shared-device"] } });
    setClock(new Date(T0.getTime() + 86_400_000));
    const nextDayHigh = await fileTestRequest({ receipt: null, screenshot: "review-06-wildberries-dark.jpg" });
    await db.reviewRequest.update({ where: { id: nextDayHigh.requestId }, data: { riskLevel: "HIGH", riskReasons: ["shared-device"] } });

    const query = (input: Record<string, unknown>) => listModerationQueue(moderator, moderationQueueInput.parse(input)).then((queue) => queue.items.map((item) => item.id));
    expect(await query({})).toEqual([low.requestId, high.requestId, nextDayHigh.requestId]);
    expect(await query({ sort: "risk" })).toEqual([high.requestId, low.requestId, nextDayHigh.requestId]);
    expect(await query({ risk: "HIGH" })).toEqual([high.requestId, nextDayHigh.requestId]);
    expect(await query({ risk: "LOW" })).toEqual([low.requestId]);
  });
});

describe("можно одобрить быстро", () => {
  it("takes only requests whose signals are all clean and whose receipt is approved, claims them, and leaves each approval to its own confirmation", async () => {
    const clean = await fileTestRequest({ receipt: null, screenshot: "review-01-irecommend.png" });
    const withReceipt = await fileTestRequest({ screenshot: "review-05-wildberries.png" });
    const risky = await fileTestRequest({ receipt: null, screenshot: "review-06-wildberries-dark.jpg" });
    await db.reviewRequest.update({ where: { id: risky.requestId }, data: { riskLevel: "MEDIUM", riskReasons: ["velocity"] } });

    const queue = await listModerationQueue(moderator, moderationQueueInput.parse({}));
    expect(queue.counts.quick).toBe(1);
    expect(queue.items.find((item) => item.id === clean.requestId)?.quickApprovable).toBe(true);
    expect(queue.items.find((item) => item.id === withReceipt.requestId)?.quickApprovable).toBe(false);

    // The receipt approved (here by a person; a rule does the same), the request joins the batch.
    await decideRequestPart(moderator, { requestId: withReceipt.requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 });
    const batch = await takeQuickBatch(moderator);
    expect(batch.map((item) => item.id)).toEqual([clean.requestId, withReceipt.requestId]);
    expect(batch[0]).toMatchObject({ reviewAttempt: 1, screenshotIds: [expect.any(String)] });
    expect(batch[0]).not.toHaveProperty("receiptApprovedByRule");
    expect(batch[1]).toMatchObject({ receiptApprovedByRule: null });

    // Claimed: another moderator's batch is empty and cannot decide them; nothing was decided by taking it.
    const other = await createModerator();
    expect(await takeQuickBatch(other)).toEqual([]);
    await expect(decideRequestPart(other, { requestId: clean.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.requestPart.count({ where: { requestId: { in: [clean.requestId, withReceipt.requestId] }, kind: "REVIEW", status: "PENDING" } })).toBe(2);

    // Skipped ones are left out of the next batch of the sitting.
    expect((await takeQuickBatch(moderator, { excludeIds: [clean.requestId] })).map((item) => item.id)).toEqual([withReceipt.requestId]);
    await decideRequestPart(moderator, { requestId: clean.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    expect((await takeQuickBatch(moderator)).map((item) => item.id)).toEqual([withReceipt.requestId]);
  });
});
