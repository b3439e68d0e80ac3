/**
 * Development-time helpers around the migration runner and the wasm schema engine: scratch databases,
 * "what SQL do the migrations lack compared to schema.prisma", and Prisma-style migration names.
 * Used by scripts/db/*.ts and the migration tests; not needed at runtime.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  MIGRATION_LOCK_FILE_CONTENT,
  MIGRATION_LOCK_FILE_NAME,
  REPO_ROOT,
} from "./migrations.ts";
import { dropDatabase, quoteIdent, runAdminSql, withDatabase } from "./database-admin.ts";
import { diffDatabaseToSchema } from "./schema-engine.ts";

export const DEFAULT_ADMIN_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_SCHEMA_PATH = path.join(REPO_ROOT, "prisma", "schema.prisma");

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database next to `adminUrl` (same server and credentials). */
export async function createScratchDatabase(
  adminUrl: string = DEFAULT_ADMIN_DATABASE_URL,
  prefix = "migtool_scratch",
): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await runAdminSql(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  let dropped = false;
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await dropDatabase(adminUrl, name);
    },
  };
}

export async function withScratchDatabase<T>(
  adminUrl: string,
  fn: (database: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const database = await createScratchDatabase(adminUrl);
  try {
    return await fn(database);
  } finally {
    await database.drop();
  }
}

/**
 * SQL needed on top of the migrations in `migrationsDir` to reach `schemaPath` ("" when they match).
 * The migrations are applied with our runner to a scratch database (exactly as they will run in
 * production, hand-written SQL included) and that database is diffed against the schema.
 */
export async function diffMigrationsToSchema(
  options: { adminUrl?: string; schemaPath?: string; migrationsDir?: string } = {},
): Promise<string> {
  const adminUrl = options.adminUrl ?? DEFAULT_ADMIN_DATABASE_URL;
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  return withScratchDatabase(adminUrl, async (database) => {
    await applyMigrations(database.url, { migrationsDir });
    return diffDatabaseToSchema(database.url, schemaPath);
  });
}

/** Prisma's migration timestamp: UTC `yyyymmddhhmmss`. */
export function migrationTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/**
 * Prisma's migration name normalisation (`slugify(name, { separator: "_" })`, max 200 chars):
 * "addUserPhone" → "add_user_phone", "Add receipts!" → "add_receipts".
 */
export function slugifyMigrationName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, "$1_$2")
    .toLowerCase()
    .replace(/([a-z\d]+)'([ts])(\s|$)/g, "$1$2$3")
    .replace(/[^a-z\d]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

/** Writes `migration_lock.toml` as Prisma does, unless it already exists with the same content. */
export async function ensureMigrationLockFile(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<void> {
  const file = path.join(migrationsDir, MIGRATION_LOCK_FILE_NAME);
  const current = await readFile(file, "utf8").catch(() => null);
  if (current === MIGRATION_LOCK_FILE_CONTENT) return;
  if (current !== null && !/^\s*provider\s*=\s*"postgresql"/m.test(current)) {
    throw new Error(`${file} names another provider; refusing to overwrite it.`);
  }
  await mkdir(migrationsDir, { recursive: true });
  await writeFile(file, MIGRATION_LOCK_FILE_CONTENT, "utf8");
}

/** Creates `<migrationsDir>/<timestamp>_<name>/migration.sql`; returns its directory name and path. */
export async function writeMigration(
  migrationsDir: string,
  directoryName: string,
  script: string,
): Promise<{ directoryName: string; file: string }> {
  const directory = path.join(migrationsDir, directoryName);
  await mkdir(directory, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EEXIST") throw new Error(`The migration directory already exists at ${directory}`);
    throw error;
  });
  const file = path.join(directory, "migration.sql");
  await writeFile(file, script, { encoding: "utf8", flag: "wx" });
  return { directoryName, file };
}
