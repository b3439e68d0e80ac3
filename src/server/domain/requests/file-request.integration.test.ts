import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createShopper } from "../../../../tests/support/factories";
import { receiptImage, reviewScreenshot } from "../../../../tests/support/fixtures";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { fileRequest, fileRequestInput } from "./file-request";
import { getMyRequest } from "./get-my-request";
import { resubmitRequestPart } from "./resubmit-request-part";
import { uploadRequestImage } from "./upload-request-image";

// Filing requests end to end on real PostgreSQL: real images through sharp, receipts through the QR decoder.

const FILED_AT = new Date("2026-03-02T09:00:00Z"); // Monday 12:00 in Moscow

async function shopper(): Promise<Actor> {
  const user = await createShopper();
  return { id: user.id, role: "CUSTOMER", phone: user.phone, email: null, name: null };
}

async function upload(actor: Actor, kind: "REVIEW_SCREENSHOT" | "RECEIPT_PHOTO", bytes: Buffer) {
  return uploadRequestImage(actor, { kind, bytes });
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let productId: number;
beforeEach(async () => {
  setClock(FILED_AT);
  productId = (await createProduct()).id;
});

describe("filing a request", () => {
  it("files two screenshots and a receipt photo; the receipt's date and sum are decoded on the server", async () => {
    const actor = await shopper();
    const shots = [await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-01-irecommend.png")), await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-02-irecommend-dark.jpg"))];
    const receipt = await upload(actor, "RECEIPT_PHOTO", receiptImage("shot-007.jpg"));
    expect(receipt.receipt).toMatchObject({ verdict: "FISCAL", totalKopecks: 141300 });

    const { id, created } = await fileRequest(actor, {
      productId,
      reviewUrl: "https://irecommend.ru/content/otlichnyi-krem-carely?utm_source=share",
      screenshotIds: shots.map((shot) => shot.id),
      receiptImageId: receipt.id,
      idempotencyKey: randomUUID(),
    });
    expect(created).toBe(true);

    const request = await getMyRequest(actor, id);
    expect(request.status).toBe("PENDING");
    expect(request.platform).toBe("IRECOMMEND");
    expect(request.reviewUrl).not.toContain("utm_source");
    // Five business days after Monday 2 March 2026 (no holidays seeded in this test): Monday 9 March, same time.
    expect(request.dueAt.toISOString()).toBe("2026-03-09T09:00:00.000Z");
    const review = request.parts.find((part) => part.kind === "REVIEW")!;
    expect(review.images.map((image) => image.id)).toEqual(shots.map((shot) => shot.id));
    const receiptPart = request.parts.find((part) => part.kind === "RECEIPT")!;
    // t=20230409T101604 is Moscow time: 07:16:04 UTC.
    expect(receiptPart.receipt).toMatchObject({ totalKopecks: 141300, purchasedAt: new Date("2023-04-09T07:16:04Z"), problem: null });
  });

  it("files a request without a receipt", async () => {
    const actor = await shopper();
    const shot = await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-03-ozon.png"));
    const { id } = await fileRequest(actor, { productId, reviewUrl: "ozon.ru/product/krem-123/reviews", screenshotIds: [shot.id], receiptImageId: null, idempotencyKey: randomUUID() });
    const request = await getMyRequest(actor, id);
    expect(request.parts.map((part) => part.kind)).toEqual(["REVIEW"]);
  });

  it("files once when the same form is submitted twice at the same moment", async () => {
    const actor = await shopper();
    const shot = await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-03-ozon.png"));
    const input = { productId, reviewUrl: "https://www.ozon.ru/product/krem-123/", screenshotIds: [shot.id], receiptImageId: null, idempotencyKey: randomUUID() };
    const results = await Promise.all([fileRequest(actor, input), fileRequest(actor, input), fileRequest(actor, input)]);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db.reviewRequest.count()).toBe(1);
  });

  it("refuses a sixth screenshot and an empty form with clear messages, keeping the uploads", async () => {
    const actor = await shopper();
    const bytes = reviewScreenshot("review-05-wildberries.png");
    const shots = [];
    for (let i = 0; i < 6; i += 1) shots.push(await upload(actor, "REVIEW_SCREENSHOT", bytes));
    const error = await errorOf(fileRequest(actor, { productId, reviewUrl: "https://www.wildberries.ru/catalog/1/feedbacks", screenshotIds: shots.map((shot) => shot.id), receiptImageId: null, idempotencyKey: randomUUID() }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.screenshots).toBe("Можно приложить не больше 5 скриншотов.");
    expect(await db.image.count({ where: { ownerId: actor.id, partId: null } })).toBe(6);

    const empty = fileRequestInput.safeParse({});
    expect(empty.success).toBe(false);
    expect(empty.error!.issues.map((issue) => issue.message)).toEqual(
      expect.arrayContaining(["Выберите продукт.", "Вставьте ссылку на ваш отзыв.", "Добавьте хотя бы один скриншот отзыва."]),
    );
  });

  it("refuses a receipt whose QR is not a fiscal receipt, and explains it", async () => {
    const actor = await shopper();
    const shot = await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-01-irecommend.png"));
    const notReceipt = await upload(actor, "RECEIPT_PHOTO", receiptImage("photo-nonfiscal-003.jpg"));
    expect(notReceipt.receipt?.verdict).toBe("REFUSED");
    const error = await errorOf(fileRequest(actor, { productId, reviewUrl: "https://irecommend.ru/content/x", screenshotIds: [shot.id], receiptImageId: notReceipt.id, idempotencyKey: randomUUID() }));
    expect(error.fieldErrors?.receipt).toMatch(/чек/i);
    expect(await db.reviewRequest.count()).toBe(0);
  });
});

describe("duplicate guards across the portal", () => {
  it("flags the same review link written differently, linked to the earlier request", async () => {
    const first = await shopper();
    const second = await shopper();
    const earlier = await fileRequest(first, {
      productId,
      reviewUrl: "https://irecommend.ru/content/krem-carely-otzyv",
      screenshotIds: [(await upload(first, "REVIEW_SCREENSHOT", reviewScreenshot("review-01-irecommend.png"))).id],
      receiptImageId: null,
      idempotencyKey: randomUUID(),
    });
    const later = await fileRequest(second, {
      productId,
      reviewUrl: "http://www.IRecommend.ru/content/krem-carely-otzyv/?utm_source=vk#comments",
      screenshotIds: [(await upload(second, "REVIEW_SCREENSHOT", reviewScreenshot("review-03-ozon.png"))).id],
      receiptImageId: null,
      idempotencyKey: randomUUID(),
    });
    const flags = await db.duplicateFlag.findMany({ where: { requestId: later.id } });
    expect(flags).toEqual([expect.objectContaining({ kind: "REVIEW_LINK", matchedRequestId: earlier.id })]);
    expect(await db.duplicateFlag.count({ where: { requestId: earlier.id } })).toBe(0);
  });

  it("flags the same fiscal receipt (fn+i+fp), even from another photo of it", async () => {
    const first = await shopper();
    const second = await shopper();
    const file = async (actor: Actor, receiptFile: string, link: string, review: string) =>
      fileRequest(actor, {
        productId,
        reviewUrl: link,
        screenshotIds: [(await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot(review))).id],
        receiptImageId: (await upload(actor, "RECEIPT_PHOTO", receiptImage(receiptFile))).id,
        idempotencyKey: randomUUID(),
      });
    const earlier = await file(first, "shot-007.jpg", "https://irecommend.ru/content/a", "review-01-irecommend.png");
    // The same receipt photographed again: re-encoded smaller.
    const reencoded = await sharp(receiptImage("shot-007.jpg")).resize({ width: 900 }).jpeg({ quality: 80 }).toBuffer();
    const secondShot = await upload(second, "REVIEW_SCREENSHOT", reviewScreenshot("review-03-ozon.png"));
    const secondReceipt = await upload(second, "RECEIPT_PHOTO", reencoded);
    const later = await fileRequest(second, { productId, reviewUrl: "https://www.ozon.ru/product/b", screenshotIds: [secondShot.id], receiptImageId: secondReceipt.id, idempotencyKey: randomUUID() });
    const flags = await db.duplicateFlag.findMany({ where: { requestId: later.id, kind: "RECEIPT" } });
    expect(flags).toEqual([expect.objectContaining({ matchedRequestId: earlier.id })]);
    // A different receipt is not flagged.
    const third = await file(await shopper(), "shot-013.png", "https://irecommend.ru/content/c", "review-05-wildberries.png");
    expect(await db.duplicateFlag.count({ where: { requestId: third.id, kind: "RECEIPT" } })).toBe(0);
  });

  it("flags re-encoded and rescaled copies of a screenshot, not different screenshots", async () => {
    const original = reviewScreenshot("review-01-irecommend.png");
    const first = await shopper();
    const earlier = await fileRequest(first, {
      productId,
      reviewUrl: "https://irecommend.ru/content/one",
      screenshotIds: [(await upload(first, "REVIEW_SCREENSHOT", original)).id],
      receiptImageId: null,
      idempotencyKey: randomUUID(),
    });
    const variants = {
      reencoded: await sharp(original).jpeg({ quality: 55 }).toBuffer(),
      rescaled: await sharp(original).resize({ width: Math.round(((await sharp(original).metadata()).width ?? 1000) * 0.6) }).png().toBuffer(),
      different: reviewScreenshot("review-02-irecommend-dark.jpg"),
    };
    const flagged: Record<string, boolean> = {};
    for (const [name, bytes] of Object.entries(variants)) {
      const actor = await shopper();
      const filed = await fileRequest(actor, {
        productId,
        reviewUrl: `https://irecommend.ru/content/${name}`,
        screenshotIds: [(await upload(actor, "REVIEW_SCREENSHOT", bytes)).id],
        receiptImageId: null,
        idempotencyKey: randomUUID(),
      });
      const flags = await db.duplicateFlag.findMany({ where: { requestId: filed.id, kind: "SCREENSHOT" } });
      flagged[name] = flags.some((flag) => flag.matchedRequestId === earlier.id);
    }
    expect(flagged).toEqual({ reencoded: true, rescaled: true, different: false });
  });
});

describe("ownership", () => {
  it("one shopper can neither file with, nor open, another's images and requests", async () => {
    const owner = await shopper();
    const stranger = await shopper();
    const shot = await upload(owner, "REVIEW_SCREENSHOT", reviewScreenshot("review-01-irecommend.png"));
    const stolen = await errorOf(fileRequest(stranger, { productId, reviewUrl: "https://irecommend.ru/content/z", screenshotIds: [shot.id], receiptImageId: null, idempotencyKey: randomUUID() }));
    expect(stolen.code).toBe("VALIDATION");
    const { id } = await fileRequest(owner, { productId, reviewUrl: "https://irecommend.ru/content/z", screenshotIds: [shot.id], receiptImageId: null, idempotencyKey: randomUUID() });
    expect((await errorOf(getMyRequest(stranger, id))).code).toBe("NOT_FOUND");
  });
});

describe("re-submitting a rejected part", () => {
  it("reopens the part with new images and a new due date; a double click sends once", async () => {
    const actor = await shopper();
    const { id } = await fileRequest(actor, {
      productId,
      reviewUrl: "https://irecommend.ru/content/resubmit",
      screenshotIds: [(await upload(actor, "REVIEW_SCREENSHOT", reviewScreenshot("review-01-irecommend.png"))).id],
      receiptImageId: (await upload(actor, "RECEIPT_PHOTO", receiptImage("shot-013.png"))).id,
      idempotencyKey: randomUUID(),
    });
    // A moderator rejected the receipt (issue #4 builds the real decision flow).
    await db.requestPart.updateMany({ where: { requestId: id, kind: "RECEIPT" }, data: { status: "REJECTED", comment: "Фото нечитаемо", decidedAt: FILED_AT } });

    setClock(new Date("2026-03-04T09:00:00Z"));
    const fresh = await upload(actor, "RECEIPT_PHOTO", receiptImage("shot-007.jpg"));
    const results = await Promise.allSettled([
      resubmitRequestPart(actor, { requestId: id, partKind: "RECEIPT", imageIds: [fresh.id] }),
      resubmitRequestPart(actor, { requestId: id, partKind: "RECEIPT", imageIds: [fresh.id] }),
    ]);
    expect(results.some((result) => result.status === "fulfilled")).toBe(true);

    const request = await getMyRequest(actor, id);
    const receiptPart = request.parts.find((part) => part.kind === "RECEIPT")!;
    expect(receiptPart).toMatchObject({ status: "PENDING", attempt: 2, comment: null });
    expect(receiptPart.images.map((image) => image.id)).toEqual([fresh.id]);
    expect(receiptPart.receipt).toMatchObject({ attempt: 2, totalKopecks: 141300 });
    expect(request.dueAt.toISOString()).toBe("2026-03-11T09:00:00.000Z");
    expect(await db.receipt.count({ where: { part: { requestId: id } } })).toBe(2);

    // A part that is not rejected cannot be re-sent.
    const again = await upload(actor, "RECEIPT_PHOTO", receiptImage("shot-013.png"));
    expect((await errorOf(resubmitRequestPart(actor, { requestId: id, partKind: "RECEIPT", imageIds: [again.id] }))).code).toBe("CONFLICT");
  });
});
