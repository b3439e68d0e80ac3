/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with
 * the SQL that takes the existing migrations to prisma/schema.prisma (what `prisma migrate dev
 * --create-only` would write), computed offline with the wasm schema engine on a scratch database.
 * Scratch databases are created through MIGRATION_DEV_DATABASE_URL (default: local `postgres` database).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR, REPO_ROOT } from "../lib/migrations.ts";
import {
  DEFAULT_ADMIN_DATABASE_URL,
  DEFAULT_SCHEMA_PATH,
  diffMigrationsToSchema,
  ensureMigrationLockFile,
  migrationTimestamp,
  slugifyMigrationName,
  writeMigration,
} from "../lib/migrations-dev.ts";

// Like scripts/start.ts: a local .env may hold DATABASE_URL / MIGRATION_DEV_DATABASE_URL.
if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));

async function main(): Promise<number> {
  const rawName = process.argv.slice(2).join(" ").trim();
  const name = slugifyMigrationName(rawName);
  if (!name) {
    console.error("Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_prize_limits)");
    return 2;
  }

  const adminUrl = process.env.MIGRATION_DEV_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL;
  const script = await diffMigrationsToSchema({
    adminUrl,
    schemaPath: DEFAULT_SCHEMA_PATH,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
  });

  if (script === "") {
    console.log("No schema changes: the migrations already match prisma/schema.prisma. Nothing written.");
    return 0;
  }

  await ensureMigrationLockFile(DEFAULT_MIGRATIONS_DIR);
  const { file } = await writeMigration(DEFAULT_MIGRATIONS_DIR, `${migrationTimestamp()}_${name}`, script);
  console.log(`Created ${path.relative(REPO_ROOT, file)}:\n`);
  console.log(script);
  if (/^\s*(DROP|ALTER TABLE .* DROP|TRUNCATE)\b/im.test(script)) {
    console.log("Note: this migration drops objects; review it for data loss before committing.");
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
