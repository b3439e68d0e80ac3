import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createImage, createShopper, createStaff } from "../../../../tests/support/factories";
import { reviewScreenshot } from "../../../../tests/support/fixtures";
import { readViewerImage } from "../../../../tests/support/images";
import { GET } from "@/app/api/images/[id]/route";
import type { Actor } from "@/server/auth/session";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { ERASED_IMAGE_KEY_PREFIX } from "@/server/domain/privacy/erased-image-key";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { processImage } from "@/server/images/process-image";
import { imageStorageKeys, storeProcessedImage } from "@/server/images/store-image";
import { objectStorage } from "@/server/storage";
import { getImageForViewer } from "./get-image-for-viewer";

// The route handler asks the session who is signed in; tests say who.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

let uploadsDir: string;
beforeEach(async () => {
  uploadsDir = await mkdtemp(path.join(tmpdir(), "carely-images-"));
  process.env.UPLOADS_DIR = uploadsDir;
  resetEnvCache();
  session.actor = null;
});
afterEach(async () => {
  delete process.env.UPLOADS_DIR;
  resetEnvCache();
  await rm(uploadsDir, { recursive: true, force: true });
});

function actorOf(user: { id: number; role: Actor["role"]; phone: string | null; email: string | null; name: string | null }): Actor {
  return { id: user.id, role: user.role, phone: user.phone, email: user.email, name: user.name };
}

async function notFound(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("NOT_FOUND");
  return error as AppError;
}

const UNKNOWN_ID = "7d4f7f0e-9a8b-4c3d-8e2f-1a2b3c4d5e6f";

describe("getImageForViewer", () => {
  it("gives a shopper their own image, full size and thumbnail", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id, bytes: reviewScreenshot("review-03-ozon.png") });

    const full = await readViewerImage(getImageForViewer(actorOf(owner), { id: image.id, variant: "full" }));
    expect(full.contentType).toBe("image/webp");
    expect(await sharp(full.bytes).metadata()).toMatchObject({ format: "webp", width: 1080, height: 2400 });
    expect(full.bytes.length).toBe(image.bytes);
    expect(full.size).toBe(image.bytes);

    const thumb = await readViewerImage(getImageForViewer(actorOf(owner), { id: image.id, variant: "thumb" }));
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: "webp", width: 216, height: 480 });
  });

  it("answers another shopper exactly as if the image did not exist", async () => {
    const owner = await createShopper();
    const stranger = await createShopper();
    const image = await createImage({ ownerId: owner.id, kind: "RECEIPT_PHOTO" });

    const theirs = await notFound(getImageForViewer(actorOf(stranger), { id: image.id, variant: "full" }));
    const missing = await notFound(getImageForViewer(actorOf(stranger), { id: UNKNOWN_ID, variant: "full" }));
    expect(theirs.message).toBe(missing.message);
    expect(theirs.message).toBe("Изображение не найдено.");
    await notFound(getImageForViewer(actorOf(stranger), { id: image.id, variant: "thumb" }));
  });

  it("shows any shopper's image to moderators, brand staff and administrators", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id, kind: "RECEIPT_PHOTO" });
    for (const role of ["MODERATOR", "STAFF", "ADMIN"] as const) {
      const staff = await createStaff(role);
      const seen = await readViewerImage(getImageForViewer(actorOf(staff), { id: image.id, variant: "full" }));
      expect(seen.contentType).toBe("image/webp");
      expect(seen.bytes.length).toBe(image.bytes);
    }
  });

  it("shows prize pictures to every signed-in user", async () => {
    const staff = await createStaff("STAFF");
    const prizeImage = await createImage({ ownerId: staff.id, kind: "PRIZE_IMAGE" });
    const brandImage = await createImage({ ownerId: null, kind: "PRIZE_IMAGE" });
    const shopper = await createShopper();
    for (const id of [prizeImage.id, brandImage.id]) {
      expect((await readViewerImage(getImageForViewer(actorOf(shopper), { id, variant: "thumb" }))).contentType).toBe("image/webp");
      expect((await readViewerImage(getImageForViewer(actorOf(await createStaff("MODERATOR")), { id, variant: "full" }))).contentType).toBe("image/webp");
    }
  });

  it("treats malformed ids and unknown images as not found", async () => {
    const shopper = await createShopper();
    const moderator = await createStaff("MODERATOR");
    for (const id of ["not-a-uuid", "", "' OR 1=1 --", UNKNOWN_ID]) {
      await notFound(getImageForViewer(actorOf(shopper), { id, variant: "full" }));
      await notFound(getImageForViewer(actorOf(moderator), { id, variant: "full" }));
    }
  });

  it("reports a lost file as not found to the viewer and logs it for operations", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id });
    await objectStorage().delete(image.storageKey);
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      // Found and authorised: the loss shows when the file is opened.
      const found = await getImageForViewer(actorOf(owner), { id: image.id, variant: "full" });
      await notFound(found.open());
      expect(log).toHaveBeenCalledWith(expect.objectContaining({ event: "image.file_missing", imageId: image.id }), expect.stringContaining(`image ${image.id} has no file`));
    } finally {
      log.mockRestore();
    }
  });
});

describe("GET /api/images/[id]", () => {
  async function get(id: string, query = "", headers: Record<string, string> = {}) {
    return GET(new Request(`http://localhost/api/images/${id}${query}`, { headers }), { params: Promise.resolve({ id }) });
  }

  it("answers 401 to a signed-out visitor", async () => {
    const image = await createImage({ ownerId: (await createShopper()).id });
    const response = await get(image.id);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("serves the owner the image with safe caching headers", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id });
    session.actor = actorOf(owner);

    const full = await get(image.id);
    expect(full.status).toBe(200);
    expect(Object.fromEntries(full.headers)).toMatchObject({
      "content-type": "image/webp",
      "content-length": String(image.bytes),
      "cache-control": "private, no-cache",
      vary: "Cookie",
      etag: expect.stringMatching(/^"[\w-]+"$/),
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    });
    expect(Buffer.from(await full.arrayBuffer()).length).toBe(image.bytes);

    const thumb = await get(image.id, "?variant=thumb");
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("etag")).not.toBe(full.headers.get("etag"));
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe("webp");
  });

  it("answers a revalidation with 304 only to a viewer still allowed to see the image", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id });
    session.actor = actorOf(owner);
    const etag = (await get(image.id)).headers.get("etag")!;

    const unchanged = await get(image.id, "", { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect(await unchanged.text()).toBe("");
    expect((await get(image.id, "?variant=thumb", { "If-None-Match": etag })).status).toBe(200);

    // The browser's copy is no licence: the check comes first.
    session.actor = actorOf(await createShopper());
    expect((await get(image.id, "", { "If-None-Match": etag })).status).toBe(404);
    session.actor = null;
    expect((await get(image.id, "", { "If-None-Match": etag })).status).toBe(401);

    // The owner's data deleted (152-ФЗ): the cached photo is not confirmed any more.
    session.actor = actorOf(owner);
    await db.image.update({ where: { id: image.id }, data: { storageKey: `${ERASED_IMAGE_KEY_PREFIX}${image.id}`, thumbKey: null } });
    expect((await get(image.id, "", { "If-None-Match": etag })).status).toBe(404);
  });

  it("answers 404 for someone else's image, an unknown id, a malformed id or variant", async () => {
    const owner = await createShopper();
    const image = await createImage({ ownerId: owner.id });
    session.actor = actorOf(await createShopper());
    for (const [id, query] of [[image.id, ""], [UNKNOWN_ID, ""], ["../../etc/passwd", ""], [image.id, "?variant=original"]] as const) {
      const response = await get(id, query);
      expect(response.status, `${id}${query}`).toBe(404);
      expect(await response.json()).toMatchObject({ ok: false, code: "NOT_FOUND", message: "Изображение не найдено." });
    }
    session.actor = actorOf(owner);
    expect((await get(image.id, "?variant=original")).status).toBe(404);
    expect((await get(image.id, "?variant=full")).status).toBe(200);
  });
});

describe("storeProcessedImage", () => {
  it("writes both copies under images/<id>/ and the row with hashes and the decoded QR text", async () => {
    const owner = await createShopper();
    const processed = await processImage(reviewScreenshot("review-05-wildberries.png"));
    const { id } = await storeProcessedImage(db, { ownerId: owner.id, kind: "RECEIPT_PHOTO", processed, qrText: null });

    const row = await db.image.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      ...imageStorageKeys(id),
      kind: "RECEIPT_PHOTO",
      ownerId: owner.id,
      mimeType: "image/webp",
      width: 1080,
      height: 2400,
      bytes: processed.full.bytes.length,
      sha256: processed.sha256,
      perceptualHash: processed.perceptualHash,
      qrText: null,
    });
    expect(row.qrDecodedAt).toBeInstanceOf(Date); // decoded, nothing found
    expect((await objectStorage().get(row.storageKey))?.bytes.equals(processed.full.bytes)).toBe(true);
    expect((await objectStorage().get(row.thumbKey!))?.bytes.equals(processed.thumb.bytes)).toBe(true);

    const screenshot = await storeProcessedImage(db, { ownerId: owner.id, kind: "REVIEW_SCREENSHOT", processed });
    expect(await db.image.findUniqueOrThrow({ where: { id: screenshot.id } })).toMatchObject({ qrText: null, qrDecodedAt: null });
  });

  it("removes the files again when the row cannot be written", async () => {
    const processed = await processImage(reviewScreenshot("review-01-irecommend.png"));
    // No such user: the foreign key refuses the row after both files were written.
    await expect(storeProcessedImage(db, { ownerId: 999_999, kind: "REVIEW_SCREENSHOT", processed })).rejects.toThrow();
    expect(await db.image.count()).toBe(0);
    const left = await readdir(uploadsDir, { recursive: true, withFileTypes: true });
    expect(left.filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual([]);
  });

  it("works inside a transaction", async () => {
    const owner = await createShopper();
    const processed = await processImage(reviewScreenshot("review-02-irecommend-dark.jpg"));
    const { id } = await db.$transaction((tx) => storeProcessedImage(tx, { ownerId: owner.id, kind: "REVIEW_SCREENSHOT", processed, qrText: "t=20250101T1200&s=1.00&fn=1&i=1&fp=1&n=1" }));
    expect(await db.image.findUniqueOrThrow({ where: { id } })).toMatchObject({ qrText: "t=20250101T1200&s=1.00&fn=1&i=1&fp=1&n=1" });
  });
});
