import { createHash, createHmac, randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/server/config/env";
import { objectStorage } from "./index";
import { LocalDiskStorage } from "./local-disk-storage";
import { UploadThingStorage, customIdFor } from "./uploadthing-storage";

const API_KEY = "sk_test_0123456789abcdef";
const APP_ID = "carelytestapp";
const TOKEN = Buffer.from(JSON.stringify({ apiKey: API_KEY, appId: APP_ID, regions: ["fra1"] })).toString("base64");

interface StoredFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  bytes: Buffer;
}

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  json?: unknown;
}

/**
 * A fake UploadThing on 127.0.0.1 speaking the shapes the SDK (uploadthing 7.7) expects:
 * - ingest: `PUT /<fileKey>?expires&x-ut-identifier&x-ut-file-name&x-ut-file-size&x-ut-file-type&x-ut-custom-id
 *   &x-ut-content-disposition&signature=hmac-sha256=<hex>`, multipart body with `file`; answers the uploaded file;
 * - API: `POST /v6/requestFileAccess` `{ customId | fileKey }` → `{ url, ufsUrl }` (signed);
 *   `POST /v6/deleteFiles` `{ customIds | fileKeys }` → `{ success, deletedCount }`; both need `x-uploadthing-api-key`;
 * - file server: `GET /f/<fileKey>?expires&signature`.
 * Signatures are checked the way UploadThing does: HMAC-SHA256 with the API key over the URL before `&signature=`.
 * Its own server rather than startFakeHttpServer, which keeps request bodies as UTF-8 text: uploads are binary.
 */
async function startFakeUploadThing(options: { failUploads?: boolean } = {}) {
  const files = new Map<string, StoredFile>();
  const received: Received[] = [];
  let base = "";

  const sign = (url: string) => `hmac-sha256=${createHmac("sha256", API_KEY).update(url).digest("hex")}`;
  const signatureValid = (pathAndQuery: string) => {
    const full = `${base}${pathAndQuery}`;
    const at = full.lastIndexOf("&signature=");
    if (at < 0) return false;
    const expires = Number(new URL(full).searchParams.get("expires"));
    return expires > Date.now() && decodeURIComponent(full.slice(at + "&signature=".length)) === sign(full.slice(0, at));
  };
  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };

  async function handle(request: IncomingMessage, body: Buffer, response: ServerResponse) {
    const url = new URL(request.url ?? "/", base);
    // The SDK encodes presigned-URL values before appending them, so they arrive encoded twice.
    const param = (name: string) => {
      const value = url.searchParams.get(name);
      return value === null ? null : decodeURIComponent(value);
    };
    const entry: Received = { method: request.method ?? "GET", path: url.pathname, headers: request.headers };
    received.push(entry);

    if (request.method === "PUT") {
      if (!signatureValid(request.url ?? "")) return reply(response, 403, { error: "Invalid signature" });
      if (options.failUploads) return reply(response, 500, { error: "Storage unavailable" });
      if (param("x-ut-identifier") !== APP_ID) return reply(response, 400, { error: "Wrong app" });
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers["content-type"] ?? "" } }).formData();
      const file = form.get("file");
      if (!(file instanceof Blob)) return reply(response, 400, { error: "No file" });
      const key = url.pathname.slice(1);
      const customId = param("x-ut-custom-id");
      const bytes = Buffer.from(await file.arrayBuffer());
      if (customId && [...files.values()].some((stored) => stored.customId === customId)) return reply(response, 409, { error: "customId taken" });
      files.set(key, { key, customId, name: param("x-ut-file-name") ?? "", type: param("x-ut-file-type") ?? "", bytes });
      const fileUrl = `${base}/f/${key}`;
      return reply(response, 200, { url: fileUrl, appUrl: fileUrl, ufsUrl: fileUrl, fileHash: createHash("md5").update(bytes).digest("hex") });
    }

    if (request.method === "POST" && url.pathname.startsWith("/v6/")) {
      if (request.headers["x-uploadthing-api-key"] !== API_KEY) return reply(response, 401, { error: "Invalid API key" });
      const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      entry.json = json;
      const find = (id: { fileKey?: unknown; customId?: unknown }) =>
        [...files.values()].find((stored) => (id.fileKey ? stored.key === id.fileKey : stored.customId === id.customId));
      if (url.pathname === "/v6/requestFileAccess") {
        const stored = find(json);
        if (!stored) return reply(response, 404, { error: "File not found" });
        const unsigned = `${base}/f/${stored.key}?expires=${Date.now() + 3600_000}`;
        const signed = `${unsigned}&signature=${sign(unsigned)}`;
        return reply(response, 200, { url: signed, ufsUrl: signed });
      }
      if (url.pathname === "/v6/deleteFiles") {
        const ids = [...((json.customIds as string[] | undefined) ?? []).map((customId) => ({ customId })), ...((json.fileKeys as string[] | undefined) ?? []).map((fileKey) => ({ fileKey }))];
        let deletedCount = 0;
        for (const id of ids) {
          const stored = find(id);
          if (stored && files.delete(stored.key)) deletedCount += 1;
        }
        return reply(response, 200, { success: true, deletedCount });
      }
    }

    if (request.method === "GET" && url.pathname.startsWith("/f/")) {
      const stored = files.get(url.pathname.slice(3));
      if (!stored) return reply(response, 404, { error: "Not found" });
      if (!signatureValid(request.url ?? "")) return reply(response, 403, { error: "Invalid signature" });
      response.writeHead(200, { "content-type": stored.type, "content-length": stored.bytes.length });
      return response.end(stored.bytes);
    }

    return reply(response, 404, { error: `No route for ${request.method} ${url.pathname}` });
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks), response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, files, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const servers: { close(): Promise<void> }[] = [];
async function fakeUploadThing(options?: { failUploads?: boolean }) {
  const fake = await startFakeUploadThing(options);
  servers.push(fake);
  return fake;
}

beforeEach(() => {
  delete process.env.UPLOADTHING_TOKEN;
  resetEnvCache();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const name of ["UPLOADTHING_TOKEN", "UPLOADTHING_API_URL", "UPLOADTHING_INGEST_URL", "UPLOADS_DIR"]) delete process.env[name];
  resetEnvCache();
});

function adapterFor(fake: { url: string }) {
  return new UploadThingStorage({ token: TOKEN, apiUrl: fake.url, ingestUrl: fake.url, logLevel: "None" });
}

describe("UploadThing storage", () => {
  it("uploads under a customId made from our key and reads the same bytes back", async () => {
    const fake = await fakeUploadThing();
    const storage = adapterFor(fake);
    const key = `images/${randomUUID()}/full.webp`;
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)); // binary, all byte values

    await storage.put(key, bytes, "image/webp");
    const [stored] = [...fake.files.values()];
    expect(stored).toMatchObject({ customId: customIdFor(key), type: "image/webp" });
    expect(stored?.customId).toBe(key.replaceAll("/", "_"));
    expect(stored?.bytes.equals(bytes)).toBe(true);

    const read = await storage.get(key);
    expect(read?.contentType).toBe("image/webp");
    expect(read?.bytes.equals(bytes)).toBe(true);

    const access = fake.received.find((request) => request.path === "/v6/requestFileAccess");
    expect(access?.json).toMatchObject({ customId: customIdFor(key) });
    expect(access?.headers["x-uploadthing-api-key"]).toBe(API_KEY);
    expect(fake.received.map((request) => `${request.method} ${request.path.replace(/\/[A-Za-z0-9]{20,}$/, "/<fileKey>")}`)).toEqual([
      "PUT /<fileKey>",
      "POST /v6/requestFileAccess",
      "GET /f/<fileKey>",
    ]);
  });

  it("answers null for a key it never stored", async () => {
    const storage = adapterFor(await fakeUploadThing());
    expect(await storage.get("images/00000000-0000-4000-8000-000000000000/full.webp")).toBeNull();
  });

  it("deletes by customId, and deleting again is harmless", async () => {
    const fake = await fakeUploadThing();
    const storage = adapterFor(fake);
    await storage.put("images/e/full.webp", Buffer.from("full"), "image/webp");
    await storage.put("images/e/thumb.webp", Buffer.from("thumb"), "image/webp");
    await storage.delete("images/e/full.webp");
    await storage.delete("images/e/full.webp");
    expect(await storage.get("images/e/full.webp")).toBeNull();
    expect((await storage.get("images/e/thumb.webp"))?.bytes.toString()).toBe("thumb");
    expect(fake.received.filter((request) => request.path === "/v6/deleteFiles").map((request) => request.json)).toEqual([
      { customIds: ["images_e_full.webp"] },
      { customIds: ["images_e_full.webp"] },
    ]);
  });

  it("reports a failed upload as an error", async () => {
    const storage = adapterFor(await fakeUploadThing({ failUploads: true }));
    await expect(storage.put("images/f/full.webp", Buffer.from("x"), "image/webp")).rejects.toThrow(/UploadThing did not store images\/f\/full\.webp: UPLOAD_FAILED/);
  });

  it("refuses bad keys and tokens before calling out", async () => {
    const fake = await fakeUploadThing();
    const storage = adapterFor(fake);
    await expect(storage.put("../etc/passwd", Buffer.from("x"), "image/webp")).rejects.toThrow(/invalid storage key/);
    await expect(storage.get("images/a_b/full.webp")).rejects.toThrow(/invalid storage key/);
    expect(fake.received).toEqual([]);
    expect(() => new UploadThingStorage({ token: "not-a-token" })).toThrow(/UPLOADTHING_TOKEN is not an UploadThing token/);
  });
});

describe("objectStorage()", () => {
  it("is local disk without UPLOADTHING_TOKEN and UploadThing with it, configured by the environment alone", async () => {
    // Under tests, a temporary folder unless UPLOADS_DIR says otherwise: test runs never fill .data/uploads.
    expect(objectStorage()).toBeInstanceOf(LocalDiskStorage);
    expect((objectStorage() as LocalDiskStorage).root.startsWith(path.join(tmpdir(), "carely-test-uploads-"))).toBe(true);
    process.env.UPLOADS_DIR = path.join(tmpdir(), "carely-uploads-elsewhere");
    resetEnvCache();
    expect((objectStorage() as LocalDiskStorage).root).toBe(path.join(tmpdir(), "carely-uploads-elsewhere"));

    const fake = await fakeUploadThing();
    process.env.UPLOADTHING_TOKEN = TOKEN;
    // The SDK reads its server overrides from the environment itself.
    process.env.UPLOADTHING_API_URL = fake.url;
    process.env.UPLOADTHING_INGEST_URL = fake.url;
    resetEnvCache();
    const storage = objectStorage();
    expect(storage.name).toBe("uploadthing");
    expect(objectStorage()).toBe(storage);

    await storage.put("images/g/thumb.webp", Buffer.from("thumb"), "image/webp");
    expect((await storage.get("images/g/thumb.webp"))?.bytes.toString()).toBe("thumb");
    expect(fake.files.size).toBe(1);
  });
});
