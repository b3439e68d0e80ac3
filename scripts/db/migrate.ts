/**
 * `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL (like `prisma migrate deploy`),
 * then creates or updates pg-boss's job schema. The one-shot migrate step of a deployment (README "Deploying").
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { installJobsSchema } from "../lib/jobs-schema.ts";
import { applyMigrations, REPO_ROOT } from "../lib/migrations.ts";

// Like scripts/start.ts: a local .env may hold DATABASE_URL / MIGRATION_DEV_DATABASE_URL.
if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set.");
    return 2;
  }
  const { applied } = await applyMigrations(databaseUrl, { log: (line) => console.log(line) });
  console.log(
    applied.length === 0
      ? "No pending migrations: the database is up to date."
      : `Applied ${applied.length} migration(s).`,
  );
  await installJobsSchema(databaseUrl);
  console.log("Job schema (pg-boss) is in place.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
