import "server-only";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Env, env } from "@/server/config/env";
import { LocalDiskStorage } from "./local-disk-storage";
import type { ObjectStorage } from "./object-storage";
import { S3Storage, type S3StorageOptions } from "./s3-storage";
import { UploadThingStorage } from "./uploadthing-storage";

export type { ObjectStorage, StoredObjectStream } from "./object-storage";

let cached: { signature: string; storage: ObjectStorage } | undefined;

/**
 * The configured storage: S3-compatible when S3_BUCKET is set, else UploadThing when UPLOADTHING_TOKEN is
 * set, else local disk under UPLOADS_DIR (default `<repo>/.data/uploads`; under tests a temporary folder, so
 * test runs never fill the repository). Kept per configuration: the SDK clients hold connections worth reusing.
 */
export function objectStorage(): ObjectStorage {
  const variables = env();
  const { UPLOADTHING_TOKEN, UPLOADS_DIR, NODE_ENV } = variables;
  const s3 = s3OptionsFrom(variables);
  const uploadsDir =
    UPLOADS_DIR ?? (NODE_ENV === "test" ? path.join(tmpdir(), `carely-test-uploads-${process.pid}`) : path.join(process.cwd(), ".data", "uploads"));
  const signature = s3 ? `s3:${JSON.stringify(s3)}` : UPLOADTHING_TOKEN ? `uploadthing:${UPLOADTHING_TOKEN}` : `local:${uploadsDir}`;
  if (cached?.signature !== signature) {
    const storage = s3 ? new S3Storage(s3) : UPLOADTHING_TOKEN ? new UploadThingStorage({ token: UPLOADTHING_TOKEN }) : new LocalDiskStorage(uploadsDir);
    cached = { signature, storage };
  }
  return cached.storage;
}

/** The S3 settings, or null when S3_BUCKET is unset; a half-made configuration fails with what is missing. */
export function s3OptionsFrom(variables: Env): S3StorageOptions | null {
  const { S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE } = variables;
  if (!S3_BUCKET) return null;
  const missing = Object.entries({ S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`S3_BUCKET is set, so S3 storage also needs ${missing.join(", ")} (README "Storage")`);
  return {
    bucket: S3_BUCKET,
    endpoint: S3_ENDPOINT,
    region: S3_REGION!,
    accessKeyId: S3_ACCESS_KEY_ID!,
    secretAccessKey: S3_SECRET_ACCESS_KEY!,
    forcePathStyle: S3_FORCE_PATH_STYLE,
  };
}
