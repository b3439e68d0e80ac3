import { randomUUID } from "node:crypto";
import type { Actor } from "../../src/server/auth/session.ts";
import { fileRequest } from "../../src/server/domain/requests/file-request.ts";
import { uploadRequestImage } from "../../src/server/domain/requests/upload-request-image.ts";
import { createProduct, createShopper, createStaff } from "./factories.ts";
import { receiptImage, reviewScreenshot } from "./fixtures.ts";

// Builders for tests that need a filed request (moderation, ledger): the real filing path.

export function actorOf(user: { id: number; role: Actor["role"]; phone?: string | null; email?: string | null; name?: string | null }): Actor {
  return { id: user.id, role: user.role, phone: user.phone ?? null, email: user.email ?? null, name: user.name ?? null };
}

export async function createModerator(): Promise<Actor> {
  return actorOf(await createStaff("MODERATOR"));
}

export async function fileTestRequest(options: { shopper?: Actor; reviewUrl?: string; screenshot?: string; receipt?: string | null } = {}) {
  const shopper = options.shopper ?? actorOf(await createShopper());
  const product = await createProduct();
  const screenshot = await uploadRequestImage(shopper, { kind: "REVIEW_SCREENSHOT", bytes: reviewScreenshot(options.screenshot ?? "review-01-irecommend.png") });
  const receipt = options.receipt === null ? null : await uploadRequestImage(shopper, { kind: "RECEIPT_PHOTO", bytes: receiptImage(options.receipt ?? "shot-013.png") });
  const { id } = await fileRequest(shopper, {
    productId: product.id,
    reviewUrl: options.reviewUrl ?? `https://irecommend.ru/content/review-${randomUUID()}`,
    screenshotIds: [screenshot.id],
    receiptImageId: receipt?.id ?? null,
    idempotencyKey: randomUUID(),
  });
  return { requestId: id, shopper };
}
