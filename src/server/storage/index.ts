import "server-only";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/server/config/env";
import { LocalDiskStorage } from "./local-disk-storage";
import type { ObjectStorage } from "./object-storage";
import { UploadThingStorage } from "./uploadthing-storage";

export type { ObjectStorage } from "./object-storage";

let cached: { signature: string; storage: ObjectStorage } | undefined;

/**
 * The configured storage: UploadThing when UPLOADTHING_TOKEN is set, else local disk under UPLOADS_DIR
 * (default `<repo>/.data/uploads`; under tests a temporary folder, so test runs never fill the repository).
 * Kept per configuration: the SDK client holds a runtime worth reusing.
 */
export function objectStorage(): ObjectStorage {
  const { UPLOADTHING_TOKEN, UPLOADS_DIR, NODE_ENV } = env();
  const uploadsDir =
    UPLOADS_DIR ?? (NODE_ENV === "test" ? path.join(tmpdir(), `carely-test-uploads-${process.pid}`) : path.join(process.cwd(), ".data", "uploads"));
  const signature = UPLOADTHING_TOKEN ? `uploadthing:${UPLOADTHING_TOKEN}` : `local:${uploadsDir}`;
  if (cached?.signature !== signature) {
    const storage = UPLOADTHING_TOKEN ? new UploadThingStorage({ token: UPLOADTHING_TOKEN }) : new LocalDiskStorage(uploadsDir);
    cached = { signature, storage };
  }
  return cached.storage;
}
