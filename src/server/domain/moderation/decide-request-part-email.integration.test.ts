import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reviewScreenshot } from "../../../../tests/support/fixtures";
import { createModerator, fileTestRequest } from "../../../../tests/support/requests";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { resubmitRequestPart } from "@/server/domain/requests/resubmit-request-part";
import { uploadRequestImage } from "@/server/domain/requests/upload-request-image";
import { deliverOutboxEmail } from "@/server/messaging/deliver-outbox-email";
import { decideRequestPart } from "./decide-request-part";
import { logger } from "@/server/observability/logger";

const T0 = new Date("2026-03-02T09:00:00Z");

beforeEach(() => setClock(T0));
afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
  vi.restoreAllMocks();
});

async function giveEmail(shopper: Actor, contactEmail: string | null): Promise<void> {
  await db.user.update({ where: { id: shopper.id }, data: { contactEmail } });
}

function emails() {
  return db.outboxMessage.findMany({ where: { channel: "EMAIL" }, orderBy: { id: "asc" } });
}

describe("request decision emails", () => {
  it("queues one email with the points when a part is approved, linking the request", async () => {
    process.env.NEXTAUTH_URL = "https://portal.example";
    resetEnvCache();
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    await giveEmail(shopper, "shopper@example.test");
    const moderator = await createModerator();

    const outcome = await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });

    const queued = await emails();
    expect(queued).toHaveLength(1);
    const [email] = queued;
    expect(outcome).toMatchObject({ status: "DECIDED", points: 500, queuedEmailId: email?.id });
    const part = await db.requestPart.findFirstOrThrow({ where: { requestId, kind: "REVIEW" } });
    expect(email).toMatchObject({
      recipient: "shopper@example.test",
      status: "PENDING",
      attempts: 0,
      template: "request-decided",
      subject: `Заявка №${requestId}: отзыв одобрен, +500 баллов`,
      dedupeKey: `part:${part.id}:attempt:1:decided`,
    });
    expect(email?.text).toContain("+500 баллов");
    expect(email?.html).toContain("+500 баллов");
    expect(email?.html).toContain(`href="https://portal.example/cabinet/requests/${requestId}"`);
    // The cabinet notification is written as before.
    expect(await db.notification.count({ where: { userId: shopper.id } })).toBe(1);
  });

  it("carries the moderator's comment on a rejection, escaped in the HTML", async () => {
    const { requestId, shopper } = await fileTestRequest();
    await giveEmail(shopper, "shopper@example.test");
    const moderator = await createModerator();
    const comment = "QR-код не читается <b>совсем</b>.\nСфотографируйте чек ближе.";

    await decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "REJECT", attempt: 1, comment });

    const [email, ...more] = await emails();
    expect(more).toHaveLength(0);
    expect(email?.subject).toBe(`Заявка №${requestId}: чек отклонён`);
    expect(email?.text).toContain(comment);
    expect(email?.html).toContain("QR-код не читается &lt;b&gt;совсем&lt;/b&gt;.");
    expect(email?.html).not.toContain("<b>совсем</b>");
    expect(email?.html).toContain(`href="http://localhost:3000/cabinet/requests/${requestId}"`);
  });

  it("sends no email to a shopper without an address, but still notifies in the cabinet", async () => {
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    const moderator = await createModerator();
    const outcome = await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    expect(outcome).toMatchObject({ status: "DECIDED", points: 500 });
    expect(outcome).not.toHaveProperty("queuedEmailId");
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await db.notification.count({ where: { userId: shopper.id } })).toBe(1);
  });

  it("queues no second email when the same part is decided again, or many times at once", async () => {
    const { requestId, shopper } = await fileTestRequest();
    await giveEmail(shopper, "shopper@example.test");
    const moderator = await createModerator();

    await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    await expect(decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).resolves.toMatchObject({ status: "ALREADY_DECIDED" });
    expect(await emails()).toHaveLength(1);

    const race = await Promise.allSettled(
      Array.from({ length: 10 }, () => decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 })),
    );
    expect(race.every((result) => result.status === "fulfilled")).toBe(true);
    expect((await emails()).map((email) => email.subject)).toEqual([
      `Заявка №${requestId}: отзыв одобрен, +500 баллов`,
      `Заявка №${requestId}: чек одобрен, +100 баллов`,
    ]);
  });

  it("writes a new email for the decision on a re-submitted part", async () => {
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    await giveEmail(shopper, "shopper@example.test");
    const moderator = await createModerator();
    await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "REJECT", attempt: 1, comment: "Скриншот обрезан" });
    const fresh = await uploadRequestImage(shopper, { kind: "REVIEW_SCREENSHOT", bytes: reviewScreenshot("review-03-ozon.png") });
    await resubmitRequestPart(shopper, { requestId, partKind: "REVIEW", imageIds: [fresh.id] });
    await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 2 });

    const queued = await emails();
    expect(queued.map((email) => email.dedupeKey?.replace(/^part:\d+:/, ""))).toEqual(["attempt:1:decided", "attempt:2:decided"]);
    expect(queued[1]?.subject).toContain("одобрен");
  });

  it("delivers the queued email through the development outbox once the decision is committed", async () => {
    const log = vi.spyOn(logger, "info");
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    await giveEmail(shopper, "shopper@example.test");
    const moderator = await createModerator();
    const outcome = await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    const id = outcome.status === "DECIDED" ? outcome.queuedEmailId : undefined;
    expect(id).toBeDefined();

    await expect(deliverOutboxEmail(id!)).resolves.toBe("SENT");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "SENT", provider: "outbox", attempts: 1, sentAt: T0 });
    expect(log).toHaveBeenCalledWith({ event: "dev-outbox.email" }, `dev-outbox: email to shopper@example.test: Заявка №${requestId}: отзыв одобрен, +500 баллов`);
  });
});
