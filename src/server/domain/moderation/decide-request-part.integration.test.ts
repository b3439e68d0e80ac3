import { beforeEach, describe, expect, it } from "vitest";
import { createModerator, fileTestRequest } from "../../../../tests/support/requests";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { claimRequest } from "./claim-request";
import { decideRequestPart } from "./decide-request-part";

const T0 = new Date("2026-03-02T09:00:00Z");

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
}

beforeEach(() => setClock(T0));

describe("deciding request parts", () => {
  it("credits 500 for the review and 100 for the receipt, in the ledger, with history, notification and audit", async () => {
    const { requestId, shopper } = await fileTestRequest();
    const moderator = await createModerator();
    await expect(decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).resolves.toEqual({ status: "DECIDED", points: 500 });
    await expect(decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 })).resolves.toEqual({ status: "DECIDED", points: 100, nextRequestId: null });

    const user = await db.user.findUniqueOrThrow({ where: { id: shopper.id } });
    expect(user.pointsBalance).toBe(600);
    expect(user.inactivityClockFrom).toEqual(T0);
    const entries = await db.ledgerEntry.findMany({ where: { customerId: shopper.id }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.kind, entry.amount, entry.balanceAfter])).toEqual([
      ["REVIEW_APPROVED", 500, 500],
      ["RECEIPT_APPROVED", 100, 600],
    ]);
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("APPROVED");
    expect(await db.partDecision.count()).toBe(2);
    expect(await db.notification.count({ where: { userId: shopper.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { actorId: moderator.id, action: "request-part.approve" } })).toBe(2);
  });

  it("requires a comment to reject, and a rejection credits nothing", async () => {
    const { requestId, shopper } = await fileTestRequest();
    const moderator = await createModerator();
    expect(await codeOf(decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "REJECT", attempt: 1, comment: "  " }))).toBe("VALIDATION");
    await decideRequestPart(moderator, { requestId, partKind: "RECEIPT", decision: "REJECT", attempt: 1, comment: "Фото нечитаемо" });
    await decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(500);
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PARTIALLY_APPROVED");
    expect((await db.requestPart.findFirstOrThrow({ where: { requestId, kind: "RECEIPT" } })).comment).toBe("Фото нечитаемо");
  });

  it("credits exactly once when the same part is approved 20 times at once", async () => {
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    const moderator = await createModerator();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })),
    );
    const outcomes = results.map((result) => (result.status === "fulfilled" ? result.value.status : "error"));
    expect(outcomes.filter((outcome) => outcome === "DECIDED")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "error")).toHaveLength(0);
    expect(await db.ledgerEntry.count({ where: { customerId: shopper.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(500);
  });

  it("lets only one of two moderators decide a request, until the claim expires", async () => {
    const { requestId, shopper } = await fileTestRequest({ receipt: null });
    const first = await createModerator();
    const second = await createModerator();
    await claimRequest(first, { requestId });
    expect(await codeOf(claimRequest(second, { requestId }))).toBe("CONFLICT");
    await expect(decideRequestPart(second, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).rejects.toThrow(/Заявку сейчас проверяет/);

    // Both at the same moment: exactly one decides.
    const race = await Promise.allSettled([
      decideRequestPart(first, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 }),
      decideRequestPart(second, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 }),
    ]);
    expect(race.filter((result) => result.status === "fulfilled" && result.value.status === "DECIDED")).toHaveLength(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(500);

    // The claim expires by itself.
    const { requestId: other } = await fileTestRequest({ receipt: null });
    await claimRequest(first, { requestId: other });
    setClock(new Date(T0.getTime() + 11 * 60_000));
    await expect(claimRequest(second, { requestId: other })).resolves.toBeTruthy();
  });

  it("lets the same review earn points once across the portal", async () => {
    const moderator = await createModerator();
    const link = "https://irecommend.ru/content/odin-otzyv";
    const first = await fileTestRequest({ reviewUrl: link, receipt: null });
    const second = await fileTestRequest({ reviewUrl: "http://www.irecommend.ru/content/odin-otzyv/?utm_source=tg", receipt: null, screenshot: "review-03-ozon.png" });
    await decideRequestPart(moderator, { requestId: first.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 });
    const error = await decideRequestPart(moderator, { requestId: second.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(`заявке №${first.requestId}`);
    expect((await db.user.findUniqueOrThrow({ where: { id: second.shopper.id } })).pointsBalance).toBe(0);
    // The refused approval changed nothing: the part is still waiting.
    expect((await db.requestPart.findFirstOrThrow({ where: { requestId: second.requestId } })).status).toBe("PENDING");
  });

  it("does not decide a re-submission blind", async () => {
    const { requestId } = await fileTestRequest({ receipt: null });
    const moderator = await createModerator();
    expect(await codeOf(decideRequestPart(moderator, { requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 2 }))).toBe("CONFLICT");
  });

  it("answers the last decision on a request with the next unclaimed request, most urgent first", async () => {
    const moderator = await createModerator();
    const other = await createModerator();
    const first = await fileTestRequest({ screenshot: "review-03-ozon.png" });
    const second = await fileTestRequest({ receipt: null, screenshot: "review-05-wildberries.png" });
    const third = await fileTestRequest({ receipt: null });
    await claimRequest(other, { requestId: second.requestId });

    // One part still waits: no next request yet.
    expect(await decideRequestPart(moderator, { requestId: first.requestId, partKind: "REVIEW", decision: "APPROVE", attempt: 1 })).toEqual({ status: "DECIDED", points: 500 });
    // The second request is held by another moderator: the third comes next.
    expect(await decideRequestPart(moderator, { requestId: first.requestId, partKind: "RECEIPT", decision: "APPROVE", attempt: 1 })).toMatchObject({ nextRequestId: third.requestId });
  });
});
