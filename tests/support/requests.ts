import { randomUUID } from "node:crypto";
import type { UserRole } from "../../src/generated/prisma/enums.ts";
import { type RoleActor, type ShopperActor, assertActorRole } from "../../src/server/auth/assert-role.ts";
import type { Actor } from "../../src/server/auth/session.ts";
import { fileRequest } from "../../src/server/domain/requests/file-request.ts";
import { uploadRequestImage } from "../../src/server/domain/requests/upload-request-image.ts";
import { createProduct, createShopper, createStaff } from "./factories.ts";
import { receiptImage, reviewScreenshot } from "./fixtures.ts";

// Builders for tests that need a filed request (moderation, ledger): the real filing path.

/**
 * The actor of a test's user, checked against the user's own role (src/server/auth/assert-role.ts), as the
 * session would give it: `actorOf(await createStaff("ADMIN"))` passes to the administrator's verbs.
 */
export function actorOf<R extends UserRole>(user: { id: number; role: R; phone?: string | null; email?: string | null; name?: string | null }): RoleActor<R> {
  const actor = { id: user.id, role: user.role, phone: user.phone ?? null, email: user.email ?? null, name: user.name ?? null };
  assertActorRole(actor, [user.role]);
  return actor;
}

/**
 * An actor passed where the types refuse its role, cast past them: for the FORBIDDEN cases that test the
 * run-time check every staff verb makes first (src/server/auth/assert-role.ts).
 */
export function wrongRole<A extends Actor>(actor: Actor): A {
  return actor as A;
}

export async function createModerator() {
  return actorOf(await createStaff("MODERATOR"));
}

export async function fileTestRequest(options: { shopper?: ShopperActor; reviewUrl?: string; screenshot?: string; receipt?: string | null } = {}) {
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
