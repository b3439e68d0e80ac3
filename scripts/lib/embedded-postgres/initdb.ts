/** A new cluster, made only where none exists yet, and never left half-made by an interrupted initdb. */
import fs from "node:fs/promises";
import path from "node:path";
import { EmbeddedPostgresError } from "./errors.ts";
import type { EmbeddedPostgresInstance } from "./options.ts";
import type { OutputCollector } from "./output-collector.ts";
import { readProcInfo } from "./process-inspection.ts";

/**
 * initdb: UTF-8 with the builtin C.UTF-8 locale (PostgreSQL 17+). Deterministic across machines,
 * no dependency on OS locales (containers often only have C/POSIX), Unicode-aware upper/lower/ILIKE,
 * code point sort order.
 */
export const INITDB_FLAGS: readonly string[] = [
  "--encoding=UTF8",
  "--locale=C",
  "--locale-provider=builtin",
  "--builtin-locale=C.UTF-8",
  "--no-instructions",
];

async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export async function hasCluster(dataDir: string): Promise<boolean> {
  return pathExists(path.join(dataDir, "PG_VERSION"));
}

/**
 * Runs initdb into `<dataDir>.initdb-<pid>` and renames it to `dataDir`, so a killed initdb
 * never leaves a half-made cluster at `dataDir`.
 */
export async function initCluster(
  dataDir: string,
  makeInstance: (databaseDir: string) => EmbeddedPostgresInstance,
  output: OutputCollector,
): Promise<void> {
  const entries = await fs.readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      "DATA_DIR_UNUSABLE",
      `${dataDir} exists and is not empty, but contains no PostgreSQL cluster (no PG_VERSION file). Remove it (or move it away) to let a new cluster be created there.`,
    );
  }

  await removeAbandonedInitDirs(dataDir);
  const tempDir = `${dataDir}.initdb-${process.pid}`;
  await fs.rm(tempDir, { recursive: true, force: true });
  try {
    await makeInstance(tempDir).initialise();
  } catch (error) {
    await fs.rm(tempDir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresError("START_FAILED", `initdb failed for ${dataDir}: ${detail}\n${output.summary()}`);
  }

  await fs.rmdir(dataDir).catch(() => undefined); // an empty placeholder dir, if any
  try {
    await fs.rename(tempDir, dataDir);
  } catch (error) {
    await fs.rm(tempDir, { recursive: true, force: true });
    // Another process initialised the same data dir concurrently: use its cluster.
    if (!(await hasCluster(dataDir))) throw error;
  }
}

async function removeAbandonedInitDirs(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.initdb-`;
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const ownerPid = Number(name.slice(prefix.length));
    if (Number.isInteger(ownerPid) && ownerPid !== process.pid && (await readProcInfo(ownerPid))) continue; // still running
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}
