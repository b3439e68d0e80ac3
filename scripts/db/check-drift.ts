/**
 * `npm run db:check`: fails (exit 1) and prints the missing SQL when prisma/migrations does not produce
 * the database described by prisma/schema.prisma. Offline: applies the migrations to a scratch database
 * (created through MIGRATION_DEV_DATABASE_URL) and diffs it with the wasm schema engine.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR, REPO_ROOT } from "../lib/migrations.ts";
import { DEFAULT_ADMIN_DATABASE_URL, DEFAULT_SCHEMA_PATH, diffMigrationsToSchema } from "../lib/migrations-dev.ts";

// Like scripts/start.ts: a local .env may hold DATABASE_URL / MIGRATION_DEV_DATABASE_URL.
if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));

async function main(): Promise<number> {
  const script = await diffMigrationsToSchema({
    adminUrl: process.env.MIGRATION_DEV_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
    schemaPath: DEFAULT_SCHEMA_PATH,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
  });
  if (script === "") {
    console.log("OK: prisma/migrations matches prisma/schema.prisma.");
    return 0;
  }
  console.error("Drift: prisma/schema.prisma has changes that no migration creates. Missing SQL:\n");
  console.error(script);
  console.error("Run `npm run db:migration -- <name>` to add a migration.");
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
