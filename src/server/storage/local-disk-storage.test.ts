import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./local-disk-storage";

let root: string;
let storage: LocalDiskStorage;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "carely-storage-"));
  storage = new LocalDiskStorage(path.join(root, "uploads"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name))).sort();
}

describe("local disk storage", () => {
  it("round-trips bytes and keeps the content type beside the file", async () => {
    const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 3, 255]);
    await storage.put("images/0b9f6f4e-2a35-4c57-9a3e-2f1d7c1e8a10/full.webp", bytes, "image/webp");
    expect(await storage.get("images/0b9f6f4e-2a35-4c57-9a3e-2f1d7c1e8a10/full.webp")).toEqual({ bytes, contentType: "image/webp" });
    expect(await filesUnder(path.join(root, "uploads"))).toEqual([
      "images/0b9f6f4e-2a35-4c57-9a3e-2f1d7c1e8a10/.full.webp.content-type",
      "images/0b9f6f4e-2a35-4c57-9a3e-2f1d7c1e8a10/full.webp",
    ]);
  });

  it("opens an object as a stream with its size, and answers null for a missing one", async () => {
    const bytes = Buffer.alloc(200_000, 7);
    await storage.put("images/s/full.webp", bytes, "image/webp");
    const opened = await storage.open("images/s/full.webp");
    expect(opened).toMatchObject({ size: bytes.length, contentType: "image/webp" });
    expect(Buffer.from(await new Response(opened!.body).arrayBuffer()).equals(bytes)).toBe(true);
    expect(await storage.open("images/missing/full.webp")).toBeNull();
    await expect(storage.open("../secret.txt")).rejects.toThrow(/invalid storage key/);
  });

  it("replaces an object whole and leaves no temporary files", async () => {
    await storage.put("images/a/full.webp", Buffer.alloc(100_000, 1), "image/webp");
    const before = await stat(path.join(root, "uploads/images/a/full.webp"));
    await storage.put("images/a/full.webp", Buffer.from("new"), "image/png");
    const after = await stat(path.join(root, "uploads/images/a/full.webp"));
    expect(after.ino).not.toBe(before.ino); // a new file renamed over the old one, never rewritten in place
    expect(await storage.get("images/a/full.webp")).toEqual({ bytes: Buffer.from("new"), contentType: "image/png" });
    expect((await filesUnder(path.join(root, "uploads"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("answers null for a missing object and deletes idempotently, folder included", async () => {
    expect(await storage.get("images/missing/full.webp")).toBeNull();
    await storage.put("images/b/full.webp", Buffer.from("full"), "image/webp");
    await storage.put("images/b/thumb.webp", Buffer.from("thumb"), "image/webp");
    await storage.delete("images/b/full.webp");
    expect(await storage.get("images/b/full.webp")).toBeNull();
    expect(await storage.get("images/b/thumb.webp")).not.toBeNull();
    await storage.delete("images/b/thumb.webp");
    await storage.delete("images/b/thumb.webp");
    expect(await readdir(path.join(root, "uploads/images"))).toEqual([]);
  });

  it("falls back to a neutral content type when the sidecar is gone", async () => {
    await storage.put("images/c/full.webp", Buffer.from("x"), "image/webp");
    await rm(path.join(root, "uploads/images/c/.full.webp.content-type"));
    expect(await storage.get("images/c/full.webp")).toEqual({ bytes: Buffer.from("x"), contentType: "application/octet-stream" });
  });

  it("refuses keys that could leave the root or name hidden files, before touching the disk", async () => {
    // A file just outside the root, which a traversal would reach.
    await writeFile(path.join(root, "secret.txt"), "top secret");
    const badKeys = [
      "../secret.txt",
      "images/../../secret.txt",
      "/etc/passwd",
      "images//full.webp",
      "images/a/",
      "images\\..\\secret.txt",
      "images/%2e%2e/secret.txt",
      ".content-type",
      "images/a/.full.webp.content-type",
      "Images/A.webp",
      "images/a b.webp",
      "images/a/full.webp\u0000.png",
      "",
      `images/${"a".repeat(300)}`,
    ];
    for (const key of badKeys) {
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.put(key, Buffer.from("x"), "image/webp"), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/invalid storage key/);
    }
    expect(await filesUnder(root)).toEqual(["secret.txt"]);
  });

  it("refuses a content type that could smuggle headers", async () => {
    await expect(storage.put("images/d/full.webp", Buffer.from("x"), "image/webp\r\nSet-Cookie: a=b")).rejects.toThrow(/invalid content type/);
    expect(await storage.get("images/d/full.webp")).toBeNull();
  });
});
