import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createImage, createShopper } from "../../../tests/support/factories";
import { type S3TestServer, startS3Server } from "../../../tests/support/s3-server";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { ERASED_IMAGE_KEY_PREFIX } from "@/server/domain/privacy/erased-image-key";
import { LocalDiskStorage } from "./local-disk-storage";
import { type MigrationProgress, migrateToS3 } from "./migrate-to-s3";
import { S3Storage } from "./s3-storage";

let server: S3TestServer;
let uploadsDir: string;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  // The images are made on local disk, as an existing installation has them; S3 is configured after.
  uploadsDir = await mkdtemp(path.join(tmpdir(), "carely-migrate-"));
  process.env.UPLOADS_DIR = uploadsDir;
  resetEnvCache();
});
afterEach(async () => {
  for (const name of ["UPLOADS_DIR", ...Object.keys(server.env)]) delete process.env[name];
  resetEnvCache();
  await rm(uploadsDir, { recursive: true, force: true });
});

const bucket = () => new S3Storage({ ...server, forcePathStyle: true });

async function localImages(count: number) {
  const owner = await createShopper();
  const images = [];
  for (let i = 0; i < count; i += 1) images.push(await createImage({ ownerId: owner.id }));
  return images.flatMap((image) => [image.storageKey, image.thumbKey!]);
}

function useS3() {
  Object.assign(process.env, server.env);
  resetEnvCache();
}

describe("npm run storage:migrate", { timeout: 60_000 }, () => {
  it("copies every local file the database names into S3, byte for byte, and skips them when run again", async () => {
    const keys = await localImages(3);
    // An erased image names no file: nothing to copy.
    const erased = await createImage({ ownerId: null });
    await db.image.update({ where: { id: erased.id }, data: { storageKey: `${ERASED_IMAGE_KEY_PREFIX}${erased.id}`, thumbKey: null } });
    useS3();

    const seen: MigrationProgress[] = [];
    const first = await migrateToS3({ from: "local", concurrency: 2, onProgress: (progress) => seen.push(progress) });
    expect(first).toMatchObject({ source: "local", target: `s3://${server.bucket}`, total: 6, done: 6, copied: 6, skipped: 0, missing: 0, failed: 0 });
    expect(seen[0]).toMatchObject({ done: 0, total: 6 });
    expect(seen.at(-1)).toMatchObject({ done: 6, copied: 6 });
    const local = new LocalDiskStorage(uploadsDir);
    for (const key of keys) {
      const copied = await bucket().get(key);
      expect(copied?.bytes.equals((await local.get(key))!.bytes), key).toBe(true);
      expect(copied?.contentType).toBe("image/webp");
    }

    const puts = () => server.requests.filter((request) => request.method === "PUT").length;
    const putsBefore = puts();
    expect(await migrateToS3({ from: "local" })).toMatchObject({ total: 6, copied: 0, skipped: 6, failed: 0 });
    expect(puts()).toBe(putsBefore);
  });

  it("resumes: copies again only what is absent or differs in size, and reports files lost at the source", async () => {
    const keys = await localImages(2);
    useS3();
    await bucket().put(keys[0]!, (await new LocalDiskStorage(uploadsDir).get(keys[0]!))!.bytes, "image/webp"); // copied before a stop
    await bucket().put(keys[1]!, Buffer.from("half"), "image/webp"); // a wrong object under the key
    await new LocalDiskStorage(uploadsDir).delete(keys[3]!); // lost before the migration

    const outcome = await migrateToS3({ from: "local" });
    expect(outcome).toMatchObject({ total: 4, copied: 2, skipped: 1, missing: 1, failed: 0, missingKeys: [keys[3]] });
    expect((await bucket().head(keys[1]!))?.size).toBeGreaterThan(4);
  });

  it("lists the keys that failed and a run after the outage copies them", async () => {
    const keys = await localImages(1);
    useS3();
    const stopped = await startS3Server();
    await stopped.stop();
    const unreachable = new S3Storage({ ...server, endpoint: stopped.endpoint, forcePathStyle: true, maxAttempts: 1 });
    const failed = await migrateToS3({ from: "local", target: unreachable });
    expect(failed).toMatchObject({ total: 2, copied: 0, failed: 2 });
    expect(failed.failures.map((failure) => failure.key).sort()).toEqual([...keys].sort());
    expect(failed.failures[0]?.error).toMatch(/ECONNREFUSED/);

    expect(await migrateToS3({ from: "local" })).toMatchObject({ copied: 2, failed: 0 });
  });

  it("runs as a command: a summary line, exit 0, and exit 1 while a file is missing at the source", async () => {
    const keys = await localImages(1);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/storage-migrate.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, "../../.."),
        env: { ...process.env, ...server.env, UPLOADS_DIR: uploadsDir, NODE_ENV: "production", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    const ok = await run("--from=local");
    expect(ok.stdout.trim()).toBe(`storage:migrate local → s3://${server.bucket}: 2 files, 2 copied, 0 already there, 0 missing at the source, 0 failed`);
    expect(ok.stderr).toContain("[storage:migrate] 2/2");
    expect(ok.code).toBe(0);

    await bucket().delete(keys[1]!);
    await new LocalDiskStorage(uploadsDir).delete(keys[1]!);
    const missing = await run();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`missing at the source: ${keys[1]}`);
    expect((await run("--allow-missing")).code).toBe(0);
    expect((await run("--from=ftp")).code).toBe(2);
  }, 120_000);
});
