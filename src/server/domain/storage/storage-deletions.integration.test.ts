import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createImage, createPrize, createStaff } from "../../../../tests/support/factories";
import { actorOf, fileTestRequest } from "../../../../tests/support/requests";
import { type S3TestServer, startS3Server } from "../../../../tests/support/s3-server";
import { GET } from "@/app/api/images/[id]/route";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { removePrizeImage } from "@/server/domain/catalogue/remove-prize-image";
import { deleteShopperData } from "@/server/domain/privacy/delete-shopper-data";
import { JOBS } from "@/server/jobs/job-registry";
import { objectStorage } from "@/server/storage";
import { S3Storage } from "@/server/storage/s3-storage";
import { sweepObjectDeletions } from "./sweep-object-deletions";

// The image route asks the session who is signed in; tests say who.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  Object.assign(process.env, server.env);
  resetEnvCache();
  setClock(T0);
  session.actor = null;
});
afterEach(() => {
  server.failDeletes(0);
  for (const name of Object.keys(server.env)) delete process.env[name];
  resetEnvCache();
  setClock(null);
});

/** Straight to the S3 server, not through the portal's configured storage. */
function bucket() {
  return new S3Storage({ ...server, forcePathStyle: true });
}

async function inBucket(keys: readonly string[]): Promise<boolean[]> {
  return Promise.all(keys.map(async (key) => (await bucket().head(key)) !== null));
}

async function shopperWithImages() {
  const { requestId, shopper } = await fileTestRequest();
  const keys = (await db.image.findMany({ where: { ownerId: shopper.id } })).flatMap((image) => [image.storageKey, image.thumbKey!]);
  return { requestId, shopper, keys };
}

describe("images in S3-compatible storage", () => {
  it("uploads through the portal's storage and serves the owner a stream with the same bytes", async () => {
    expect(objectStorage().name).toBe("s3");
    const { shopper, keys } = await shopperWithImages();
    expect(keys).toHaveLength(4); // screenshot and receipt photo, full and thumbnail each
    expect(await inBucket(keys)).toEqual([true, true, true, true]);

    const image = await db.image.findFirstOrThrow({ where: { ownerId: shopper.id, kind: "REVIEW_SCREENSHOT" } });
    session.actor = shopper;
    const response = await GET(new Request(`http://localhost/api/images/${image.id}`), { params: Promise.resolve({ id: image.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("content-length")).toBe(String(image.bytes));
    expect(response.body).toBeInstanceOf(ReadableStream);
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.equals((await bucket().get(image.storageKey))!.bytes)).toBe(true);

    // A revalidation is answered from the row: no request reaches the storage.
    const before = server.requests.length;
    const again = await GET(new Request(`http://localhost/api/images/${image.id}`, { headers: { "If-None-Match": response.headers.get("etag")! } }), {
      params: Promise.resolve({ id: image.id }),
    });
    expect(again.status).toBe(304);
    expect(server.requests.length).toBe(before);
  });

  it("deletes a shopper's files from the bucket when their data is deleted, and nobody else's", async () => {
    const a = await shopperWithImages();
    const b = await shopperWithImages();
    const outcome = await deleteShopperData(a.shopper, { confirmation: "УДАЛИТЬ" });
    expect(outcome).toMatchObject({ changed: true, storageFailures: 0 });
    expect(await inBucket(a.keys)).toEqual([false, false, false, false]);
    expect(await inBucket(b.keys)).toEqual([true, true, true, true]);
    expect(await db.storageDeletion.count()).toBe(0); // nothing left to retry
  });

  it("keeps a failed delete recorded and retries it with backoff until the storage accepts it", async () => {
    const { shopper, keys } = await shopperWithImages();
    server.failDeletes(Number.POSITIVE_INFINITY);

    const outcome = await deleteShopperData(shopper, { confirmation: "УДАЛИТЬ" });
    // The data is deleted all the same; only the files wait.
    expect(outcome).toMatchObject({ changed: true, storageFailures: 4 });
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).anonymisedAt).toEqual(T0);
    expect(await inBucket(keys)).toEqual([true, true, true, true]);
    const pending = await db.storageDeletion.findMany({ orderBy: { storageKey: "asc" } });
    expect(pending.map((row) => row.storageKey)).toEqual([...keys].sort());
    for (const row of pending) {
      expect(row).toMatchObject({ reason: "privacy", attempts: 1, nextAttemptAt: minutes(2) });
      expect(row.lastError).toMatch(/ServiceUnavailable \(HTTP 503\)/);
    }

    // Not due yet: the job leaves the records alone.
    const refusedBefore = server.failedDeletes;
    expect(await sweepObjectDeletions({ at: minutes(1) })).toEqual({ deleted: 0, failed: 0, pending: 4 });
    expect(server.failedDeletes).toBe(refusedBefore);

    // Due, still failing: another attempt, the backoff doubles.
    expect(await sweepObjectDeletions({ at: minutes(2) })).toEqual({ deleted: 0, failed: 4, pending: 4 });
    for (const row of await db.storageDeletion.findMany()) expect(row).toMatchObject({ attempts: 2, nextAttemptAt: minutes(2 + 4) });

    // The storage is back: the job through the registry deletes the files and the records.
    server.failDeletes(0);
    const job = JOBS.find((definition) => definition.name === "storage-deletions")!;
    expect(await job.run({ at: minutes(6) })).toEqual({ deleted: 4, failed: 0, pending: 0 });
    expect(await inBucket(keys)).toEqual([false, false, false, false]);

    // Idempotent: nothing left, nothing done.
    expect(await sweepObjectDeletions({ at: minutes(60) })).toEqual({ deleted: 0, failed: 0, pending: 0 });
  });

  it("retries a removed prize picture's files the same way", async () => {
    const staff = actorOf(await createStaff("STAFF"));
    const prize = await createPrize({ kind: "PHYSICAL", pointsPrice: 100 });
    const image = await createImage({ ownerId: staff.id, kind: "PRIZE_IMAGE", prizeId: prize.id });
    const keys = [image.storageKey, image.thumbKey!];
    server.failDeletes(Number.POSITIVE_INFINITY);

    expect(await removePrizeImage(staff, { prizeId: prize.id, imageId: image.id })).toEqual({ removed: true });
    expect(await db.image.count({ where: { id: image.id } })).toBe(0);
    expect(await inBucket(keys)).toEqual([true, true]);
    expect((await db.storageDeletion.findMany()).map((row) => [row.storageKey, row.reason])).toEqual(
      expect.arrayContaining([
        [keys[0], "prize-image"],
        [keys[1], "prize-image"],
      ]),
    );

    server.failDeletes(0);
    expect(await sweepObjectDeletions({ at: minutes(2) })).toEqual({ deleted: 2, failed: 0, pending: 0 });
    expect(await inBucket(keys)).toEqual([false, false]);
  });

  it("survives a crash between the commit and the delete: the record made in the transaction is swept", async () => {
    const { shopper, keys } = await shopperWithImages();
    // As if the process died right after the commit: the immediate delete never ran.
    const deleter = await import("./delete-stored-objects");
    const skipped = vi.spyOn(deleter, "deleteStoredObjects").mockResolvedValueOnce({ deleted: 0, failed: 0 });
    try {
      await deleteShopperData(shopper, { confirmation: "УДАЛИТЬ" });
    } finally {
      skipped.mockRestore();
    }
    expect(await inBucket(keys)).toEqual([true, true, true, true]);
    expect(await db.storageDeletion.count()).toBe(4);
    expect(await sweepObjectDeletions({ at: T0 })).toEqual({ deleted: 4, failed: 0, pending: 0 });
    expect(await inBucket(keys)).toEqual([false, false, false, false]);
  });
});
