import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarise(label: string, samplesMs: number[]): string {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(1)}ms p95=${percentile(sorted, 95).toFixed(1)}ms p99=${percentile(sorted, 99).toFixed(1)}ms max=${sorted[sorted.length - 1]!.toFixed(1)}ms mean=${mean.toFixed(1)}ms`;
}

/**
 * The portal as `npm start` runs it (production build, embedded PostgreSQL unless DATABASE_URL), on its
 * own port; resolves once `readyPath` answers. BENCH_URL skips this and measures a running portal.
 */
export async function startPortal(port: number, readyPath = "/login"): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  if (process.env.BENCH_URL) return { baseUrl: process.env.BENCH_URL.replace(/\/$/, ""), stop: async () => undefined };
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "--mode=production", `--port=${port}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}${readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the portal did not start within 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}

/** One timed, logged SQL statement of a bench seed. */
export type SeedStep = (label: string, sql: string, params?: unknown[]) => Promise<void>;

/**
 * Seeds a bench database once: a marker row in `settings` (with `markerValue`, default the time) records
 * that the seed ran, and a later run reuses the data (`onExisting` may refuse data of another shape).
 * The seed runs in one transaction without waiting for WAL flushes, and the tables are analysed after.
 */
export async function seedOnce(
  databaseUrl: string,
  options: {
    marker: string;
    markerValue?: unknown;
    log: (line: string) => void;
    onExisting?: (value: unknown) => void;
    seed: (step: SeedStep, client: pg.Client) => Promise<void>;
  },
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const marker = await client.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = $1`, [options.marker]);
    if (marker.rowCount) {
      options.onExisting?.(marker.rows[0]!.value);
      options.log(`Bench data already seeded (${JSON.stringify(marker.rows[0]!.value)}); reusing it.`);
      return;
    }
    const step: SeedStep = async (label, sql, params = []) => {
      const started = performance.now();
      const result = await client.query(sql, params);
      options.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };
    await client.query("SET synchronous_commit = off");
    await client.query("BEGIN");
    await options.seed(step, client);
    await client.query(`INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())`, [
      options.marker,
      JSON.stringify(options.markerValue ?? new Date().toISOString()),
    ]);
    await client.query("COMMIT");
    options.log("  analyzing…");
    await client.query("VACUUM ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
