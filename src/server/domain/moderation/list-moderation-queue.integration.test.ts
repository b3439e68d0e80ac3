import { beforeEach, describe, expect, it } from "vitest";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { resetEnvCache } from "@/server/config/env";
import { checkReceipt } from "@/server/domain/receipt-checks/check-receipt";
import { resubmitRequestPart } from "@/server/domain/requests/resubmit-request-part";
import { uploadRequestImage } from "@/server/domain/requests/upload-request-image";
import { receiptImage } from "../../../../tests/support/fixtures";
import { createModerator, fileTestRequest } from "../../../../tests/support/requests";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { decideRequestPart } from "./decide-request-part";
import { listModerationQueue, moderationQueueInput } from "./list-moderation-queue";

const T0 = new Date("2026-03-02T09:00:00Z"); // Monday 12:00 in Moscow

beforeEach(() => setClock(T0));
restoreEnvAfterEach(["RECEIPT_CHECK_TOKEN", "RECEIPT_CHECK_BASE_URL"]);

const query = (input: Record<string, unknown>) => moderationQueueInput.parse(input);

describe("the moderation queue", () => {
  it("orders by due time, splits overdue / due today / flagged, and counts each tab", async () => {
    const moderator = await createModerator();
    const a = await fileTestRequest({ receipt: null });
    setClock(new Date("2026-03-03T09:00:00Z"));
    const b = await fileTestRequest({ receipt: null, screenshot: "review-03-ozon.png" });
    // A copy of a's screenshot: flagged.
    const c = await fileTestRequest({ receipt: null });
    const decided = await fileTestRequest({ receipt: null, screenshot: "review-05-wildberries.png" });
    await decideRequestPart(moderator, { requestId: decided.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });

    // Monday 9 March 12:00 Moscow: a (due 9 Mar 12:00) is due today, b and c (due 10 Mar) are not yet.
    setClock(new Date("2026-03-09T08:00:00Z"));
    const now = await listModerationQueue(moderator, query({}));
    expect(now.items.map((item) => item.id)).toEqual([a.requestId, b.requestId, c.requestId]);
    // Quick: b alone has every signal clean (a and c carry one picture from two accounts: high risk).
    expect(now.counts).toEqual({ all: 3, overdue: 0, today: 1, soon: 1, flagged: 1, quick: 1 });
    expect(now.items.map((item) => [item.riskLevel, item.quickApprovable])).toEqual([["HIGH", false], ["LOW", true], ["HIGH", false]]);
    expect(now.items.map((item) => item.hasDuplicateScreenshot)).toEqual([false, false, true]);
    expect((await listModerationQueue(moderator, query({ tab: "soon" }))).items.map((item) => item.id)).toEqual([a.requestId]);
    expect((await listModerationQueue(moderator, query({ tab: "flagged" }))).items.map((item) => item.id)).toEqual([c.requestId]);

    setClock(new Date("2026-03-10T10:00:00Z"));
    const later = await listModerationQueue(moderator, query({ tab: "overdue" }));
    expect(later.items.map((item) => item.id)).toEqual([a.requestId, b.requestId, c.requestId]);
  });

  it("finds a request by its number or by the shopper's phone written any way", async () => {
    const moderator = await createModerator();
    const mine = await fileTestRequest({ receipt: null });
    await fileTestRequest({ receipt: null, screenshot: "review-03-ozon.png" });
    const phone = (await db.user.findUniqueOrThrow({ where: { id: mine.shopper.id } })).phone!;
    const national = `8 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
    expect((await listModerationQueue(moderator, query({ q: national }))).items.map((item) => item.id)).toEqual([mine.requestId]);
    expect((await listModerationQueue(moderator, query({ q: `№${mine.requestId}` }))).items.map((item) => item.id)).toEqual([mine.requestId]);
    expect((await listModerationQueue(moderator, query({ q: "абв" }))).searchProblem).toMatch(/номер заявки или телефон/);
  });

  it("filters by product and by flag kind, ignoring malformed parameters", async () => {
    const moderator = await createModerator();
    const first = await fileTestRequest({ receipt: null });
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { id: first.requestId } });
    await fileTestRequest({ receipt: null, screenshot: "review-03-ozon.png" });
    expect((await listModerationQueue(moderator, query({ productId: String(request.productId) }))).items.map((item) => item.id)).toEqual([first.requestId]);
    expect((await listModerationQueue(moderator, query({ flag: "RECEIPT" }))).items).toEqual([]);
    expect((await listModerationQueue(moderator, query({ tab: "nonsense", productId: "x", flag: "?" }))).items).toHaveLength(2);
  });

  it("filters by status and by a failed receipt check, which a re-sent receipt clears", async () => {
    const moderator = await createModerator();
    const untouched = await fileTestRequest({ receipt: null });
    const halfDone = await fileTestRequest({ screenshot: "review-03-ozon.png" });
    await decideRequestPart(moderator, { requestId: halfDone.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    expect((await listModerationQueue(moderator, query({ status: "PENDING" }))).items.map((item) => item.id)).toEqual([untouched.requestId]);
    expect((await listModerationQueue(moderator, query({ status: "IN_REVIEW" }))).items.map((item) => item.id)).toEqual([halfDone.requestId]);

    // The receipt-check service (a fake proverkacheka.com on 127.0.0.1) says the receipt is unknown.
    const server = await startFakeHttpServer((_request, response) => json(response, 200, { code: 0, first: 0, data: "Чек некорректен" }));
    try {
      process.env.RECEIPT_CHECK_TOKEN = "token";
      process.env.RECEIPT_CHECK_BASE_URL = server.url;
      resetEnvCache();
      const receipt = await db.receipt.findFirstOrThrow({ where: { part: { requestId: halfDone.requestId } }, select: { id: true } });
      // Filed offline (no token then): queue it as a moderator's re-check would, and run the job's work.
      await db.receipt.update({ where: { id: receipt.id }, data: { checkStatus: "CHECKING" } });
      await expect(checkReceipt({ receiptId: receipt.id })).resolves.toEqual({ status: "NOT_FOUND", attempts: 1 });
    } finally {
      delete process.env.RECEIPT_CHECK_TOKEN;
      resetEnvCache();
      await server.close();
    }
    const failed = await listModerationQueue(moderator, query({ flag: "CHECK_FAILED" }));
    expect(failed.items.map((item) => [item.id, item.receiptCheckFailed])).toEqual([[halfDone.requestId, true]]);
    expect(failed.counts.all).toBe(1);

    await decideRequestPart(moderator, { requestId: halfDone.requestId, partKind: "RECEIPT", decision: "REJECT", attempt: 1, comment: "Чек не найден" });
    const photo = await uploadRequestImage(halfDone.shopper, { kind: "RECEIPT_PHOTO", bytes: receiptImage("shot-013.png") });
    await resubmitRequestPart(halfDone.shopper, { requestId: halfDone.requestId, partKind: "RECEIPT", imageIds: [photo.id] });
    expect((await listModerationQueue(moderator, query({ flag: "CHECK_FAILED" }))).items).toEqual([]);
  });
});
