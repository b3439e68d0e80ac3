import "server-only";
import { randomBytes } from "node:crypto";
import { access, constants, mkdir, open, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { type ObjectStorage, type StoredObjectStream, assertContentType, assertStorageKey } from "./object-storage";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/**
 * Files under a root directory, one file per key (`images/<id>/full.webp`), the content type in a hidden
 * file beside it (`.full.webp.content-type`). Writes go to a hidden temporary file that is renamed into
 * place, so a reader never sees half a file and a crash leaves at most a stray `.tmp`.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly name = "local";
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertContentType(contentType);
    const { file, sidecar } = this.pathsFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Content type first: the data file appearing is what makes the object visible.
    await writeAtomically(sidecar, Buffer.from(contentType, "utf8"));
    await writeAtomically(file, bytes);
  }

  async get(key: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const { file, sidecar } = this.pathsFor(key);
    const bytes = await readFile(file).catch(ifMissing(null));
    if (!bytes) return null;
    const contentType = (await readFile(sidecar, "utf8").catch(ifMissing(DEFAULT_CONTENT_TYPE))).trim();
    return { bytes, contentType: contentType || DEFAULT_CONTENT_TYPE };
  }

  async open(key: string): Promise<StoredObjectStream | null> {
    const { file, sidecar } = this.pathsFor(key);
    // Opened once: the size and the bytes come from the same file even if a put renames another over it.
    const handle = await open(file, "r").catch(ifMissing(null));
    if (!handle) return null;
    try {
      const { size } = await handle.stat();
      const contentType = (await readFile(sidecar, "utf8").catch(ifMissing(DEFAULT_CONTENT_TYPE))).trim() || DEFAULT_CONTENT_TYPE;
      // The stream closes the handle when it ends, fails or is cancelled.
      const body = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
      return { body, size, contentType };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { file, sidecar } = this.pathsFor(key);
    await rm(file, { force: true });
    await rm(sidecar, { force: true });
    // An image's folder goes with its last file; a folder still in use simply stays.
    await rmdir(path.dirname(file)).catch(() => undefined);
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  private pathsFor(key: string): { file: string; sidecar: string } {
    assertStorageKey(key);
    const file = path.resolve(this.root, ...key.split("/"));
    // The key pattern already rules out escaping the root; this makes the guarantee local and obvious.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the root: ${key}`);
    return { file, sidecar: path.join(path.dirname(file), `.${path.basename(file)}.content-type`) };
  }
}

async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temporary, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw error;
  };
}
