import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createShopper } from "../../../../tests/support/factories";
import { receiptImage, reviewScreenshot } from "../../../../tests/support/fixtures";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { ShopperActor } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { checkRequestDuplicates, checkRequestDuplicatesInput } from "./check-request-duplicates";
import { fileRequest } from "./file-request";
import { uploadRequestImage } from "./upload-request-image";

// The check before sending, on real PostgreSQL: real uploads (hashes, decoded QR codes), real filed requests.

let productId: number;
beforeEach(async () => {
  productId = (await createProduct()).id;
});

const shopper = async () => actorOf(await createShopper());
const screenshot = (actor: ShopperActor, bytes: Buffer) => uploadRequestImage(actor, { kind: "REVIEW_SCREENSHOT", bytes });
const receipt = (actor: ShopperActor, bytes: Buffer) => uploadRequestImage(actor, { kind: "RECEIPT_PHOTO", bytes });
const check = (actor: ShopperActor, input: { reviewUrl?: string; screenshotIds?: string[]; receiptImageId?: string | null }) =>
  checkRequestDuplicates(actor, checkRequestDuplicatesInput.parse(input));

async function file(actor: ShopperActor, options: { reviewUrl: string; screenshot?: Buffer; receipt?: Buffer }) {
  const shot = await screenshot(actor, options.screenshot ?? reviewScreenshot("review-06-wildberries-dark.jpg"));
  const receiptId = options.receipt ? (await receipt(actor, options.receipt)).id : null;
  const { id } = await fileRequest(actor, { productId, reviewUrl: options.reviewUrl, screenshotIds: [shot.id], receiptImageId: receiptId, idempotencyKey: randomUUID() });
  return id;
}

describe("checking a draft for repeats", () => {
  it("finds nothing in a fresh draft", async () => {
    const actor = await shopper();
    const shot = await screenshot(actor, reviewScreenshot("review-01-irecommend.png"));
    const photo = await receipt(actor, receiptImage("shot-007.jpg"));
    expect(await check(actor, { reviewUrl: "https://irecommend.ru/content/new-one", screenshotIds: [shot.id], receiptImageId: photo.id })).toEqual({
      reviewUrl: null,
      screenshots: [],
      receipt: null,
    });
  });

  it("names the shopper's own earlier request by its link, written another way", async () => {
    const actor = await shopper();
    const earlier = await file(actor, { reviewUrl: "https://irecommend.ru/content/moi-otzyv" });
    const result = await check(actor, { reviewUrl: "http://m.irecommend.ru/content/moi-otzyv/?utm_source=share" });
    expect(result.reviewUrl).toEqual({ key: expect.any(String), match: { mine: true, requestId: earlier } });
  });

  it("does not check a link that is not one yet", async () => {
    const actor = await shopper();
    expect((await check(actor, { reviewUrl: "irecomm" })).reviewUrl).toBeNull();
  });

  it("names the own earlier request by a screenshot, also re-encoded, and leaves a different one alone", async () => {
    const actor = await shopper();
    const original = reviewScreenshot("review-01-irecommend.png");
    const earlier = await file(actor, { reviewUrl: "https://irecommend.ru/content/first", screenshot: original });
    const same = await screenshot(actor, original);
    const reencoded = await screenshot(actor, await sharp(original).jpeg({ quality: 55 }).toBuffer());
    const different = await screenshot(actor, reviewScreenshot("review-02-irecommend-dark.jpg"));
    const result = await check(actor, { screenshotIds: [different.id, reencoded.id, same.id] });
    expect(result.screenshots).toEqual([
      { imageId: reencoded.id, match: { mine: true, requestId: earlier } },
      { imageId: same.id, match: { mine: true, requestId: earlier } },
    ]);
  });

  it("names the own earlier request by the receipt's fiscal key, from another photo of the same receipt", async () => {
    const actor = await shopper();
    const earlier = await file(actor, { reviewUrl: "https://irecommend.ru/content/with-receipt", receipt: receiptImage("shot-007.jpg") });
    const again = await receipt(actor, await sharp(receiptImage("shot-007.jpg")).resize({ width: 900 }).jpeg({ quality: 80 }).toBuffer());
    expect((await check(actor, { receiptImageId: again.id })).receipt).toEqual({ imageId: again.id, match: { mine: true, requestId: earlier } });
    // Another receipt is no repeat.
    const other = await receipt(actor, receiptImage("shot-013.png"));
    expect((await check(actor, { receiptImageId: other.id })).receipt).toBeNull();
  });

  it("says only that someone else's request used it: no number, no id, no phone, no name", async () => {
    const other = actorOf(await createShopper({ contactEmail: "other@example.test" }));
    await db.user.update({ where: { id: other.id }, data: { name: "Анна Другая" } });
    const original = reviewScreenshot("review-03-ozon.png");
    const theirs = await file(other, { reviewUrl: "https://www.ozon.ru/product/krem-555/reviews", screenshot: original, receipt: receiptImage("shot-007.jpg") });

    const actor = await shopper();
    const shot = await screenshot(actor, original);
    const photo = await receipt(actor, receiptImage("shot-007.jpg"));
    const result = await check(actor, { reviewUrl: "ozon.ru/product/krem-555/reviews", screenshotIds: [shot.id], receiptImageId: photo.id });
    expect(result).toEqual({
      reviewUrl: { key: expect.any(String), match: { mine: false } },
      screenshots: [{ imageId: shot.id, match: { mine: false } }],
      receipt: { imageId: photo.id, match: { mine: false } },
    });
    // What is left once the shopper's own image ids and link are taken out: nothing of the other shopper's.
    const text = JSON.stringify(result).replaceAll(shot.id, "").replaceAll(photo.id, "").replace(result.reviewUrl!.key, "");
    expect(text).not.toMatch(/\d/);
    for (const leak of [String(theirs), String(other.id), other.phone!, other.phone!.slice(2), "other@example.test", "Анна"]) {
      expect(text, `the answer mentions ${leak}`).not.toContain(leak);
    }
  });

  it("prefers the shopper's own request when someone else's came first", async () => {
    const link = "https://irecommend.ru/content/shared-review";
    await file(await shopper(), { reviewUrl: link });
    const actor = await shopper();
    const mine = await file(actor, { reviewUrl: link });
    expect((await check(actor, { reviewUrl: link })).reviewUrl?.match).toEqual({ mine: true, requestId: mine });
  });

  it("checks only the shopper's own images: another's ids are not looked at", async () => {
    const other = await shopper();
    const original = reviewScreenshot("review-05-wildberries.png");
    await file(other, { reviewUrl: "https://irecommend.ru/content/x", screenshot: original, receipt: receiptImage("shot-007.jpg") });
    // The other shopper's fresh uploads of the same images: repeats for them, but not the stranger's to ask about.
    const theirShot = await screenshot(other, original);
    const theirReceipt = await receipt(other, receiptImage("shot-007.jpg"));
    expect((await check(other, { screenshotIds: [theirShot.id], receiptImageId: theirReceipt.id })).screenshots).toHaveLength(1);

    const stranger = await shopper();
    expect(await check(stranger, { screenshotIds: [theirShot.id], receiptImageId: theirReceipt.id })).toEqual({ reviewUrl: null, screenshots: [], receipt: null });
  });

  it("refuses staff", async () => {
    const error = await checkRequestDuplicates(wrongRole<ShopperActor>({ id: 1, role: "MODERATOR", phone: null, email: null, name: null }), { screenshotIds: [], receiptImageId: null }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
  });
});
