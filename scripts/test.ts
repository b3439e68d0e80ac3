// `npm test`: unit and integration tests (Vitest, real PostgreSQL), then browser journeys (Playwright,
// Debian's Chromium), then the scale-out journey on two web instances and a worker (playwright.cluster.config.ts).
// `--only=unit|e2e|cluster` runs one of the three. Uses TEST_DATABASE_URL or DATABASE_URL when set, else an
// embedded PostgreSQL. Ends with one summary line: "Tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseName, recreateDatabase, withDatabase } from "./lib/database-admin.ts";
import { TEST_CLUSTER_FLAGS, ensureDatabase } from "./lib/database.ts";
import { REPO_ROOT } from "./lib/paths.ts";

const { values: args, positionals } = parseArgs({
  options: { only: { type: "string" } },
  allowPositionals: true,
});
const only = args.only;
if (only !== undefined && !["unit", "e2e", "cluster"].includes(only)) {
  console.error(`[test] --only takes unit, e2e or cluster, not "${only}"`);
  process.exit(2);
}
const runUnit = only === undefined || only === "unit";
const runE2e = only === undefined || only === "e2e";
const runCluster = only === undefined || only === "cluster";
/** Filters on the command line go to the one suite chosen with --only, else to Vitest. */
const filtersFor = (suite: string) => ((only ?? "unit") === suite ? positionals : []);
const resultsDir = path.join(REPO_ROOT, ".data", "test-results");
const log = (line: string) => console.log(`[test] ${line}`);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const explicit = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!explicit) delete process.env.DATABASE_URL;
  const database = await ensureDatabase({
    externalUrl: explicit ?? "",
    dataDirName: "test-postgres",
    port: Number(process.env.TEST_PG_PORT ?? 54339),
    database: "portal_test",
    log,
    postgresFlags: TEST_CLUSTER_FLAGS,
  });
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  let exitCode = 0;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
    delete env.DATABASE_URL;
    if (runUnit) {
      const jsonFile = path.join(resultsDir, "vitest.json");
      const vitest = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`, ...filtersFor("unit")],
        { cwd: REPO_ROOT, env, stdio: "inherit" },
      );
      const counts = readVitestCounts(jsonFile);
      add(totals, counts);
      if (vitest.status !== 0) exitCode = 1;
      if (vitest.status !== 0 && counts.failed === 0) totals.failed += 1; // crashed before reporting
    }
    if (runE2e) {
      const e2eUrl = await recreateDatabase(withDatabase(database.url, "postgres"), `${databaseName(database.url)}_e2e`);
      const jsonFile = path.join(resultsDir, "playwright.json");
      const playwright = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, "node_modules", "@playwright", "test", "cli.js"), "test", "--reporter=list,json", ...filtersFor("e2e")],
        { cwd: REPO_ROOT, env: { ...env, E2E_DATABASE_URL: e2eUrl, PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile }, stdio: "inherit" },
      );
      const counts = readPlaywrightCounts(jsonFile);
      add(totals, counts);
      if (playwright.status !== 0) exitCode = 1;
      if (playwright.status !== 0 && counts.failed === 0) totals.failed += 1;
    }
    if (runCluster) {
      // Reuses the production build the e2e run just made (tests/cluster/cluster.ts checks the stamp).
      const jsonFile = path.join(resultsDir, "cluster.json");
      const playwright = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, "node_modules", "@playwright", "test", "cli.js"), "test", "--config=playwright.cluster.config.ts", "--reporter=list,json", ...filtersFor("cluster")],
        { cwd: REPO_ROOT, env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile }, stdio: "inherit" },
      );
      const counts = readPlaywrightCounts(jsonFile);
      add(totals, counts);
      if (playwright.status !== 0) exitCode = 1;
      if (playwright.status !== 0 && counts.failed === 0) totals.failed += 1;
    }
  } finally {
    await database.stop();
  }
  console.log("");
  console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
  return exitCode;
}

function add(totals: Counts, counts: Counts): void {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

function readVitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[test] failed:", error);
    console.log("Tests: 0 passed, 1 failed");
    process.exit(1);
  },
);
