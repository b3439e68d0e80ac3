import "server-only";
import path from "node:path";
import { type Env, env } from "@/server/config/env";
import { db } from "@/server/db/client";
import { ERASED_IMAGE_KEY_PREFIX } from "@/server/domain/privacy/erased-image-key";
import { s3OptionsFrom } from "./index";
import { LocalDiskStorage } from "./local-disk-storage";
import type { ObjectStorage } from "./object-storage";
import { S3Storage } from "./s3-storage";
import { UploadThingStorage } from "./uploadthing-storage";

export type MigrationSource = "local" | "uploadthing";

export interface MigrationProgress {
  done: number;
  total: number;
  copied: number;
  skipped: number;
  missing: number;
  failed: number;
}

export interface MigrationOutcome extends MigrationProgress {
  source: string;
  target: string;
  /** Keys the database names but the source does not have (files lost before the migration). */
  missingKeys: string[];
  failures: { key: string; error: string }[];
}

const PAGE = 500;

/**
 * `npm run storage:migrate`: copies every image file the database names (images.storage_key and
 * thumb_key; erased images have none) from local disk or UploadThing into the configured S3 bucket.
 * Resumable: an object already in the bucket with the source's size is skipped, so a run stopped half-way
 * (or failed on some keys) is simply run again. Files are copied one object at a time per worker, never
 * the whole set in memory; the database is read page by page.
 */
export async function migrateToS3(options: {
  from?: MigrationSource;
  concurrency?: number;
  onProgress?: (progress: MigrationProgress) => void;
  /** Overrides for tests; default: the portal's configuration. */
  source?: ObjectStorage;
  target?: S3Storage;
}): Promise<MigrationOutcome> {
  const variables = env();
  const target = options.target ?? s3Target(variables);
  const source = options.source ?? sourceStorage(options.from ?? (variables.UPLOADTHING_TOKEN ? "uploadthing" : "local"), variables);

  const [counted] = await db.$queryRaw<{ count: number }[]>`
    SELECT (count(*) + count(thumb_key))::int AS count FROM images WHERE storage_key NOT LIKE ${`${ERASED_IMAGE_KEY_PREFIX}%`}`;
  const progress: MigrationProgress = { done: 0, total: counted?.count ?? 0, copied: 0, skipped: 0, missing: 0, failed: 0 };
  const missingKeys: string[] = [];
  const failures: { key: string; error: string }[] = [];
  options.onProgress?.({ ...progress });

  const keys = imageKeys();
  const worker = async () => {
    for (;;) {
      const next = await keys.next();
      if (next.done) return;
      const key = next.value;
      try {
        const result = await copyOne(source, target, key);
        progress[result] += 1;
        if (result === "missing") missingKeys.push(key);
      } catch (error) {
        progress.failed += 1;
        failures.push({ key, error: error instanceof Error ? error.message : String(error) });
      }
      progress.done += 1;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return { ...progress, source: source.name, target: `s3://${target.bucket}`, missingKeys, failures };
}

/** One key: skipped when the bucket already has it at the same size, else streamed out of the source and stored. */
async function copyOne(source: ObjectStorage, target: S3Storage, key: string): Promise<"copied" | "skipped" | "missing"> {
  const [there, opened] = await Promise.all([target.head(key), source.open(key)]);
  if (!opened) return there ? "skipped" : "missing";
  if (there && opened.size !== null && there.size === opened.size) {
    await opened.body.cancel();
    return "skipped";
  }
  const bytes = Buffer.from(await new Response(opened.body).arrayBuffer());
  if (there && there.size === bytes.length) return "skipped";
  await target.put(key, bytes, opened.contentType);
  return "copied";
}

/**
 * The keys, page by page in id order; shared by the workers (an async generator hands out each value once,
 * even to concurrent callers, since its calls queue).
 */
async function* imageKeys(): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; storage_key: string; thumb_key: string | null }[] = await db.$queryRaw`
      SELECT id::text, storage_key, thumb_key FROM images
       WHERE storage_key NOT LIKE ${`${ERASED_IMAGE_KEY_PREFIX}%`} AND (${after}::uuid IS NULL OR id > ${after}::uuid)
       ORDER BY id LIMIT ${PAGE}`;
    for (const row of rows) {
      yield row.storage_key;
      if (row.thumb_key) yield row.thumb_key;
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

function s3Target(variables: Env): S3Storage {
  const options = s3OptionsFrom(variables);
  if (!options) throw new Error("S3_BUCKET is not set: configure the S3 storage first (README \"Storage\")");
  return new S3Storage(options);
}

function sourceStorage(from: MigrationSource, variables: Env): ObjectStorage {
  if (from === "uploadthing") {
    if (!variables.UPLOADTHING_TOKEN) throw new Error("--from=uploadthing needs UPLOADTHING_TOKEN");
    return new UploadThingStorage({ token: variables.UPLOADTHING_TOKEN });
  }
  return new LocalDiskStorage(variables.UPLOADS_DIR ?? path.join(process.cwd(), ".data", "uploads"));
}
