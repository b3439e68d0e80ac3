import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { env } from "@/server/config/env";
import { JOBS_SCHEMA } from "@/server/jobs/jobs-schema";
import { objectStorage } from "@/server/storage";

/** A probe must answer within the balancer's timeout: each check gives up after this. */
const CHECK_TIMEOUT_MS = 2_000;

export type CheckStatus = "ok" | "fail" | "skipped";

export interface CheckResult {
  status: CheckStatus;
  ms: number;
  /** Why it failed, in words that name no person, host or credential. */
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: CheckResult; storage: CheckResult; jobs: CheckResult };
}

/**
 * Whether this instance can serve: PostgreSQL answers, every migration on disk is applied, the object
 * storage answers and pg-boss's schema exists. Uses a one-connection pool of its own with short timeouts,
 * so a probe neither waits behind the app's queries nor hangs on a dead server, and picks up a restarted
 * PostgreSQL by itself (a broken connection leaves the pool; the next probe connects afresh).
 */
export async function checkReadiness(): Promise<Readiness> {
  const [databaseChecks, storage] = await Promise.all([checkDatabase(), timed(() => withTimeout(objectStorage().ping(), "storage"))]);
  const checks = { ...databaseChecks, storage };
  return { ready: Object.values(checks).every((check) => check.status === "ok"), checks };
}

async function checkDatabase(): Promise<Pick<Readiness["checks"], "database" | "migrations" | "jobs">> {
  const skipped: CheckResult = { status: "skipped", ms: 0, reason: "database unreachable" };
  const database = await timed(() => withTimeout(probePool().query("SELECT 1"), "database"));
  if (database.status !== "ok") return { database, migrations: skipped, jobs: skipped };
  const [migrations, jobs] = await Promise.all([timed(checkMigrations), timed(checkJobsSchema)]);
  return { database, migrations, jobs };
}

async function checkMigrations(): Promise<void> {
  const onDisk = await migrationsOnDisk();
  const { rows } = await withTimeout(
    probePool().query<{ migration_name: string; finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    ),
    "migrations",
  ).catch((error: unknown) => {
    // 42P01: no bookkeeping table yet, i.e. never migrated.
    if ((error as { code?: string }).code === "42P01") throw new ProbeError("not migrated");
    throw error;
  });
  if (rows.some((row) => !row.finished)) throw new ProbeError("a migration failed or is still running");
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = onDisk.filter((name) => !applied.has(name));
  // Applied migrations this build does not know are fine: a newer release migrated first (the upgrade order).
  if (pending.length > 0) throw new ProbeError(`${pending.length} migration(s) pending`);
}

async function checkJobsSchema(): Promise<void> {
  const { rows } = await withTimeout(probePool().query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${JOBS_SCHEMA}.version`]), "jobs");
  if (!rows[0]?.present) throw new ProbeError(`no ${JOBS_SCHEMA} schema (run the migrate command or start a worker)`);
}

let migrationNames: Promise<string[]> | undefined;

/** prisma/migrations beside the running code (the working directory), read once: it does not change while running. */
function migrationsOnDisk(): Promise<string[]> {
  migrationNames ??= readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .then((entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort())
    .catch((error: unknown) => {
      migrationNames = undefined;
      throw new ProbeError(`prisma/migrations not readable (${(error as { code?: string }).code ?? "error"})`);
    });
  return migrationNames;
}

let pool: { url: string; pool: pg.Pool } | undefined;

function probePool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new ProbeError("DATABASE_URL is not set");
  if (pool?.url !== url) {
    void pool?.pool.end().catch(() => undefined);
    const created = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      query_timeout: CHECK_TIMEOUT_MS,
      statement_timeout: CHECK_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: "carely-ready",
    });
    // An idle connection dropped by a stopping server emits "error" on the pool: expected, and the next probe says so.
    created.on("error", () => undefined);
    pool = { url, pool: created };
  }
  return pool.pool;
}

/** A failure whose message is safe to show the probe as it is. */
class ProbeError extends Error {}

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const startedAt = performance.now();
  const ms = () => Math.round((performance.now() - startedAt) * 10) / 10;
  try {
    await check();
    return { status: "ok", ms: ms() };
  } catch (error) {
    return { status: "fail", ms: ms(), reason: reasonOf(error) };
  }
}

/** The error's code or kind only: driver and SDK messages may carry hosts, paths or keys. */
function reasonOf(error: unknown): string {
  if (error instanceof ProbeError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) return code;
  const name = error instanceof Error ? error.name : "";
  return /^[A-Za-z]{1,40}$/.test(name) && name !== "Error" ? name : "error";
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeError(`${what}: no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Tests only: close the probe's pool so the process can exit. */
export async function closeReadinessPool(): Promise<void> {
  await pool?.pool.end();
  pool = undefined;
}
