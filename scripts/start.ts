// `npm start` (production build) and `npm run dev` (dev server): one command from a fresh clone to a
// running portal. Starts PostgreSQL when DATABASE_URL is unset, applies migrations, seeds demo data
// once, builds when the sources changed, serves on http://localhost:3000, and stops PostgreSQL on exit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LOCAL_RUN_VARIABLE, isDeclaredProduction, refuseUnsafeProduction } from "../src/server/config/production-check.ts";
import { buildInputsHash, isBuildFresh, runProductionBuild } from "./lib/build-stamp.ts";
import { ensureDatabase } from "./lib/database.ts";
import { type JobWorkerProcess, startJobWorkerProcess } from "./lib/job-worker-process.ts";
import { DEMO_ACCOUNTS, DEMO_SHOPPER_PHONE } from "./lib/demo-data.ts";
import { localAuthSecret } from "./lib/local-secret.ts";
import { applyMigrations } from "./lib/migrations.ts";
import { REPO_ROOT } from "./lib/paths.ts";
import { seedDemoData } from "./lib/seed.ts";

const { values: args } = parseArgs({
  options: {
    mode: { type: "string", default: "production" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
  },
});
const mode = args.mode === "dev" ? "dev" : "production";
const port = Number(args.port);
const log = (line: string) => console.log(`[portal] ${line}`);

if (existsSync(path.join(REPO_ROOT, ".env"))) process.loadEnvFile(path.join(REPO_ROOT, ".env"));

// A declared production (the operator's NODE_ENV=production, an external DATABASE_URL) gets nothing filled in
// for it: a generated secret or a localhost URL would differ per machine. Refused before anything starts.
refuseUnsafeProduction(process.env, "[portal]");
const declaredProduction = isDeclaredProduction(process.env);

const portalServer = path.join(REPO_ROOT, "scripts", "portal-server.mjs");

async function main(): Promise<void> {
  const startedAt = Date.now();
  const database = await ensureDatabase({ dataDirName: "postgres", port: Number(process.env.PORTAL_PG_PORT ?? 54329), database: "portal", log });
  let stopping = false;
  const stopDatabase = async () => {
    if (stopping) return;
    stopping = true;
    await database.stop().catch((error: unknown) => console.error("[portal] stopping PostgreSQL failed", error));
  };

  try {
    const { applied } = await applyMigrations(database.url, { log });
    log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
    const seedDemo = process.env.SEED_DEMO_DATA ? process.env.SEED_DEMO_DATA === "1" : database.embedded;
    if (seedDemo) await seedDemoData(database.url, log);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    // Local runs only (a declared production has passed the check above with its own).
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || localAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    // The embedded database means a local demo: keep the development outbox reachable.
    PORTAL_DEMO: process.env.PORTAL_DEMO ?? (database.embedded ? "1" : undefined),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    // The children get NODE_ENV=production from here, not from the operator: tell their own check so.
    ...(declaredProduction ? {} : { [LOCAL_RUN_VARIABLE]: "1" }),
  };

  if (mode === "production") {
    const hash = buildInputsHash();
    if (isBuildFresh(hash)) {
      log("Production build is up to date.");
    } else {
      log("Building the portal (next build)…");
      const status = runProductionBuild({ env: childEnv });
      if (status !== 0) {
        await stopDatabase();
        throw new Error(`next build failed with exit code ${status}`);
      }
    }
  }

  // The portal's own server in front of Next (scripts/portal-server.mjs): it records the TCP peer's address.
  const server = spawn(process.execPath, [portalServer, ...(mode === "dev" ? ["--dev"] : []), "--port", String(port)], {
    cwd: REPO_ROOT,
    env: { ...childEnv, NODE_ENV: mode === "dev" ? "development" : "production" },
    stdio: "inherit",
  });

  // The background jobs (email sweep, staff digests, forfeiture) beside the web app, unless this instance is
  // web-only (JOBS_DISABLED=1, when a separate `npm run worker` runs them).
  let jobs: JobWorkerProcess | null = null;
  if (process.env.JOBS_DISABLED === "1") log("Background jobs are off here (JOBS_DISABLED=1): run `npm run worker` somewhere.");
  else jobs = startJobWorkerProcess({ env: { ...childEnv, NODE_ENV: mode === "dev" ? "development" : "production" }, log });

  log(`Portal starting on http://localhost:${port} (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s so far)`);
  if (database.embedded || process.env.SEED_DEMO_DATA === "1") printDemoAccounts(port);

  const shutdown = (signal: NodeJS.Signals) => {
    log(`Received ${signal}, stopping…`);
    if (server.exitCode === null) server.kill(signal);
    void jobs?.stop(signal);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  const code: number = await new Promise((resolve) => server.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))));
  // The worker goes before the database it works on (and with the web server, should that exit by itself).
  await jobs?.stop();
  await stopDatabase();
  process.exit(code);
}

function printDemoAccounts(port: number): void {
  const lines = [
    "Demo accounts:",
    `  shopper:   phone ${DEMO_SHOPPER_PHONE} (or any Russian mobile); the SMS code is at http://localhost:${port}/dev/outbox`,
    ...Object.values(DEMO_ACCOUNTS).map((account) => `  ${account.role.toLowerCase().padEnd(10)} ${account.email} / ${account.password}  (http://localhost:${port}/login/staff)`),
  ];
  for (const line of lines) log(line);
}

main().catch((error: unknown) => {
  console.error("[portal] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
