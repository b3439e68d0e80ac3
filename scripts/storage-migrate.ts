// `npm run storage:migrate [-- --from=local|uploadthing] [--concurrency=4] [--allow-missing]`: copies the
// image files the database names from local disk (UPLOADS_DIR, default .data/uploads) or UploadThing
// (UPLOADTHING_TOKEN) into the S3 bucket of the S3_* variables. Resumable: run it again after a stop or a
// failure and it skips what is already there. Exit 0 when every file is in the bucket; 1 when any copy
// failed or (unless --allow-missing) the source lacks a file the database names; 2 on bad usage.
// Run it with the web instances stopped or still on the old storage, then switch them to S3_*.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import "./lib/allow-server-only.ts";
import { REPO_ROOT } from "./lib/paths.ts";

if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run storage:migrate -- [--from=local|uploadthing] [--concurrency=N] [--allow-missing]`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { from: { type: "string" }, concurrency: { type: "string", default: "4" }, "allow-missing": { type: "boolean", default: false } },
    strict: true,
  }).values;
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (args.from !== undefined && args.from !== "local" && args.from !== "uploadthing") usage(`--from is local or uploadthing, not ${args.from}`);
const concurrency = Number(args.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) usage("--concurrency is a whole number from 1 to 64");
if (!process.env.DATABASE_URL) usage("DATABASE_URL is not set: the image rows say which files to copy");

const { migrateToS3 } = await import("../src/server/storage/migrate-to-s3.ts");
const { disconnectDb } = await import("../src/server/db/client.ts");

// A bar on a terminal; elsewhere (CI, a log file) a line every 10 % so the log stays readable.
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { format: "{bar} {percentage}% | {value}/{total} | copied {copied}, skipped {skipped}, missing {missing}, failed {failed} | ETA {eta_formatted}", hideCursor: true },
      cliProgress.Presets.shades_classic,
    )
  : null;
let lastTenth = -1;
let started = false;

try {
  const outcome = await migrateToS3({
    from: args.from as "local" | "uploadthing" | undefined,
    concurrency,
    onProgress: (progress) => {
      const counts = { copied: progress.copied, skipped: progress.skipped, missing: progress.missing, failed: progress.failed };
      if (bar) {
        if (!started) bar.start(progress.total, 0, counts);
        else bar.update(progress.done, counts);
      } else {
        const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          console.error(`[storage:migrate] ${progress.done}/${progress.total} (copied ${progress.copied}, skipped ${progress.skipped}, missing ${progress.missing}, failed ${progress.failed})`);
        }
      }
      started = true;
    },
  });
  bar?.stop();
  for (const key of outcome.missingKeys.slice(0, 20)) console.error(`missing at the source: ${key}`);
  for (const failure of outcome.failures.slice(0, 20)) console.error(`failed: ${failure.key}: ${failure.error}`);
  const more = outcome.missingKeys.length + outcome.failures.length - Math.min(20, outcome.missingKeys.length) - Math.min(20, outcome.failures.length);
  if (more > 0) console.error(`… and ${more} more`);
  console.log(
    `storage:migrate ${outcome.source} → ${outcome.target}: ${outcome.total} files, ${outcome.copied} copied, ${outcome.skipped} already there, ` +
      `${outcome.missing} missing at the source, ${outcome.failed} failed`,
  );
  const ok = outcome.failed === 0 && (args["allow-missing"] || outcome.missing === 0);
  if (!ok) console.error(outcome.failed > 0 ? "Some files were not copied: run it again to retry them." : "Some files are missing at the source (--allow-missing accepts that).");
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  bar?.stop();
  console.error(`storage:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
