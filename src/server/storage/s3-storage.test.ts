import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type S3TestServer, startS3Server } from "../../../tests/support/s3-server";
import { resetEnvCache } from "@/server/config/env";
import { objectStorage } from "./index";
import { S3Storage } from "./s3-storage";

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.stop();
});

const S3_VARIABLES = ["S3_ENDPOINT", "S3_REGION", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "UPLOADTHING_TOKEN"];
afterEach(() => {
  server.failDeletes(0);
  for (const name of S3_VARIABLES) delete process.env[name];
  resetEnvCache();
});

function adapter(overrides: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}) {
  return new S3Storage({
    endpoint: server.endpoint,
    region: server.region,
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    forcePathStyle: true,
    ...overrides,
  });
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

describe("S3 storage against a local S3 server", () => {
  it("stores bytes with their content type and reads them back whole and as a stream", async () => {
    const storage = adapter();
    const key = `images/${randomUUID()}/full.webp`;
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256)); // binary, several socket reads
    await storage.put(key, bytes, "image/webp");

    expect(await storage.get(key)).toEqual({ bytes, contentType: "image/webp" });
    const opened = await storage.open(key);
    expect(opened).toMatchObject({ size: bytes.length, contentType: "image/webp" });
    expect((await readAll(opened!.body)).equals(bytes)).toBe(true);
    // The body went up as plain bytes, not as aws-chunked frames with a checksum trailer.
    expect(await storage.head(key)).toEqual({ size: bytes.length, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
  });

  it("answers null for a missing object, and deletes idempotently", async () => {
    const storage = adapter();
    const key = `images/${randomUUID()}/thumb.webp`;
    expect(await storage.get(key)).toBeNull();
    expect(await storage.open(key)).toBeNull();
    expect(await storage.head(key)).toBeNull();
    await storage.put(key, Buffer.from("thumb"), "image/webp");
    await storage.delete(key);
    expect(await storage.open(key)).toBeNull();
    await storage.delete(key);
  });

  it("refuses bad keys and content types before calling S3", async () => {
    const storage = adapter();
    const before = server.requests.length;
    await expect(storage.put("../escape", Buffer.from("x"), "image/webp")).rejects.toThrow(/invalid storage key/);
    await expect(storage.put("images/a/full.webp", Buffer.from("x"), "image/webp\r\nX-Evil: 1")).rejects.toThrow(/invalid content type/);
    await expect(storage.open("images//full.webp")).rejects.toThrow(/invalid storage key/);
    await expect(storage.delete("/etc/passwd")).rejects.toThrow(/invalid storage key/);
    expect(server.requests.length).toBe(before);
  });

  it("pings with HeadBucket, and names the bucket and the reason when it fails", async () => {
    await adapter().ping();
    await expect(adapter({ bucket: "no-such-bucket" }).ping()).rejects.toThrow(/S3 bucket no-such-bucket did not answer HeadBucket: .*404/);
    await expect(adapter({ accessKeyId: "UNKNOWN" }).ping()).rejects.toThrow(/S3 bucket carely-test did not answer HeadBucket: .*403/);
  });

  it("fails a delete the server keeps refusing, after the SDK's retries, with a clear error", async () => {
    const storage = adapter();
    const key = `images/${randomUUID()}/full.webp`;
    await storage.put(key, Buffer.from("x"), "image/webp");
    server.failDeletes(Number.POSITIVE_INFINITY);
    const refusedBefore = server.failedDeletes;
    await expect(storage.delete(key)).rejects.toThrow(/S3 bucket carely-test did not delete images\/.*: ServiceUnavailable \(HTTP 503\)/);
    expect(server.failedDeletes - refusedBefore).toBe(3); // the SDK's standard retry: 3 attempts
    expect(await storage.head(key)).not.toBeNull();
    server.failDeletes(0);
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
  });

  it("fails fast and clearly when nothing listens at the endpoint", async () => {
    const stopped = await startS3Server();
    await stopped.stop();
    const storage = adapter({ endpoint: stopped.endpoint, maxAttempts: 1 });
    const started = Date.now();
    await expect(storage.put("images/a/full.webp", Buffer.from("x"), "image/webp")).rejects.toThrow(/S3 bucket carely-test did not store images\/a\/full.webp: .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("is the configured storage when S3_BUCKET is set, ahead of UploadThing and local disk", async () => {
    Object.assign(process.env, server.env);
    process.env.UPLOADTHING_TOKEN = "ignored-when-s3-is-set";
    resetEnvCache();
    const storage = objectStorage();
    expect(storage.name).toBe("s3");
    const key = `images/${randomUUID()}/full.webp`;
    await storage.put(key, Buffer.from("through the env"), "image/png");
    expect((await adapter().get(key))?.bytes.toString()).toBe("through the env");
    await storage.ping();
  });

  it("names what is missing when S3_BUCKET is set without the rest", () => {
    process.env.S3_BUCKET = "carely";
    process.env.S3_REGION = "ru-central1";
    resetEnvCache();
    expect(() => objectStorage()).toThrow("S3_BUCKET is set, so S3 storage also needs S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY");
    process.env.S3_FORCE_PATH_STYLE = "maybe";
    resetEnvCache();
    expect(() => objectStorage()).toThrow(/S3_FORCE_PATH_STYLE is 1 or 0/);
  });
});

describe("the S3 test server", () => {
  it("keeps objects in a given directory across restarts, and stops listening on stop", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "carely-s3-kept-"));
    try {
      const first = await startS3Server({ directory, bucket: "kept" });
      await adapter({ endpoint: first.endpoint, bucket: "kept" }).put("images/x/full.webp", Buffer.from("kept"), "image/webp");
      await first.stop();
      await expect(adapter({ endpoint: first.endpoint, bucket: "kept", maxAttempts: 1 }).head("images/x/full.webp")).rejects.toThrow(/ECONNREFUSED/);

      const second = await startS3Server({ directory, bucket: "kept" });
      expect((await adapter({ endpoint: second.endpoint, bucket: "kept" }).get("images/x/full.webp"))?.bytes.toString()).toBe("kept");
      await second.stop();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
