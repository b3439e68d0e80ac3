// npm run bench:forfeit — the nightly forfeiture at scale (issue #6: one run over 1,000,000 shoppers in at
// most 60 s, memory flat).
//
// Seeds 1,000,000 shoppers with ledgers once (bench/forfeit-seed.ts) into its own database: an embedded
// PostgreSQL in .data/bench-forfeit-postgres (port 54369), or BENCH_DATABASE_URL. Each run works on a fresh
// copy of the seeded database (CREATE DATABASE … TEMPLATE), since a run consumes what it forfeits. Then, in
// this process, the way the job worker calls it:
//   1. runForfeiture once, timed, sampling the process's memory (RSS every 20 ms, and the kernel's peak);
//   2. checks: every cached balance equals its ledger's sum, no due shopper is left, one FORFEITURE entry
//      per forfeited shopper and their sum matches the run's answer;
//   3. the same run again (what a retry, or the next night, costs with nothing left to forfeit);
//   4. sendForfeitureWarnings over the same data (the job's other half: 30- and 7-day warnings, emails
//      rendered and queued), timed the same way. BENCH_FORFEIT_WARNINGS=0 skips it.
// BENCH_FORFEIT_SHOPPERS seeds a smaller data set (with BENCH_DATABASE_URL or BENCH_PG_PORT naming a
// database of its own).
import { resourceUsage } from "node:process";
import pg from "pg";
import "../scripts/lib/allow-server-only.ts";
import { databaseName, dropDatabase, quoteIdent, runAdminSql, withDatabase } from "../scripts/lib/database-admin.ts";
import { ensureDatabase } from "../scripts/lib/database.ts";
import { applyMigrations } from "../scripts/lib/migrations.ts";
import { seedForfeitBench, shapeFromEnv } from "./forfeit-seed.ts";

const log = (line: string) => console.log(`[bench:forfeit] ${line}`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const shape = shapeFromEnv();
const database = await ensureDatabase({
  externalUrl: process.env.BENCH_DATABASE_URL ?? "",
  dataDirName: "bench-forfeit-postgres",
  port: Number(process.env.BENCH_PG_PORT ?? 54369),
  database: "bench_forfeit",
  log,
});
try {
  await applyMigrations(database.url, { log });
  const seedStarted = performance.now();
  await seedForfeitBench(database.url, shape, log);
  log(`data ready in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);

  // A fresh copy per run: the seeded database stays as seeded. FILE_COPY copies the files (a checkpoint and
  // a directory copy) instead of WAL-logging every block, much faster for a database this size.
  const seeded = databaseName(database.url);
  const runName = `${seeded}_run`;
  const adminUrl = withDatabase(database.url, "postgres");
  const copyStarted = performance.now();
  await dropDatabase(adminUrl, runName);
  await runAdminSql(adminUrl, `CREATE DATABASE ${quoteIdent(runName)} TEMPLATE ${quoteIdent(seeded)} STRATEGY FILE_COPY`);
  const runUrl = withDatabase(database.url, runName);
  log(`copied ${seeded} to ${runName} in ${seconds(performance.now() - copyStarted)}`);
  try {
    await measure(runUrl);
  } finally {
    const { disconnectDb } = await import("../src/server/db/client.ts");
    await disconnectDb();
    await dropDatabase(adminUrl, runName);
  }
} finally {
  await database.stop();
}

async function measure(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  // The domain code imports "server-only": loaded after allow-server-only.ts registered its hook.
  const { runForfeiture } = await import("../src/server/domain/forfeiture/run-forfeiture.ts");
  const { sendForfeitureWarnings } = await import("../src/server/domain/forfeiture/send-forfeiture-warnings.ts");
  const { forfeitAtSql } = await import("../src/server/domain/forfeiture/forfeiture-sql.ts");
  const { getProgrammeSettings } = await import("../src/server/settings/programme-settings.ts");
  const { db } = await import("../src/server/db/client.ts");
  const at = shape.at;
  const atText = at.toISOString().slice(0, 23);
  // Who is due, by the same date arithmetic the run uses.
  const dueSql = forfeitAtSql((await getProgrammeSettings()).forfeitureMonths);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dueNow = async () => {
      const [row] = await db.$queryRaw<{ shoppers: number; points: bigint }[]>`
        SELECT count(*)::int AS shoppers, coalesce(sum(points_balance), 0)::bigint AS points
          FROM users WHERE points_balance > 0 AND inactivity_clock_from IS NOT NULL AND ${dueSql} <= ${atText}::timestamp`;
      return { shoppers: row!.shoppers, points: Number(row!.points) };
    };
    const total = (await client.query<{ total: number }>(`SELECT count(*)::int AS total FROM users WHERE role = 'CUSTOMER'`)).rows[0]!.total;
    const before = await dueNow();
    log(`${total.toLocaleString("en")} shoppers, ${before.shoppers.toLocaleString("en")} due (${((100 * before.shoppers) / total).toFixed(1)} %) holding ${before.points.toLocaleString("en")} points`);

    const baseline = process.memoryUsage().rss;
    const first = await timed(() => runForfeiture({ at }));
    const maxRssAfterRun = resourceUsage().maxRSS * 1024;
    console.log(
      `runForfeiture: ${seconds(first.ms)} — ${first.value.shoppers.toLocaleString("en")} shoppers, ${first.value.points.toLocaleString("en")} points forfeited; ` +
        `RSS before ${mib(baseline)}, peak during the run ${mib(first.peakRss)} (sampled every 20 ms), process maxRSS ${mib(maxRssAfterRun)}`,
    );

    // Checks: nothing due is left, the ledger and the cached balances agree, one entry per shopper.
    const after = await dueNow();
    const mismatched = (
      await client.query<{ count: number }>(
        `SELECT count(*)::int AS count
           FROM users u LEFT JOIN (SELECT customer_id, sum(amount) AS total FROM ledger_entries GROUP BY customer_id) l ON l.customer_id = u.id
          WHERE u.points_balance <> coalesce(l.total, 0)`,
      )
    ).rows[0]!.count;
    const entries = (
      await client.query<{ count: number; points: string }>(`SELECT count(*)::int AS count, coalesce(-sum(amount), 0)::text AS points FROM ledger_entries WHERE kind = 'FORFEITURE'`)
    ).rows[0]!;
    const problems = [
      after.shoppers !== 0 && `${after.shoppers} due shoppers remain`,
      mismatched !== 0 && `${mismatched} balances differ from their ledger's sum`,
      first.value.shoppers !== before.shoppers && `forfeited ${first.value.shoppers} shoppers, ${before.shoppers} were due`,
      first.value.points !== before.points && `forfeited ${first.value.points} points, ${before.points} were due`,
      entries.count !== first.value.shoppers && `${entries.count} FORFEITURE entries for ${first.value.shoppers} shoppers`,
      Number(entries.points) !== first.value.points && `FORFEITURE entries sum to ${entries.points}, the run said ${first.value.points}`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`checks failed: ${problems.join("; ")}`);
    log("checks passed: no due shopper left, every balance equals its ledger's sum, one FORFEITURE entry per forfeited shopper");

    const again = await timed(() => runForfeiture({ at }));
    console.log(`runForfeiture again (nothing left to forfeit): ${seconds(again.ms)} — ${again.value.shoppers} shoppers, ${again.value.points} points`);
    if (again.value.shoppers !== 0) throw new Error("the repeated run forfeited again");

    if (process.env.BENCH_FORFEIT_WARNINGS !== "0") {
      const warnings = await timed(() => sendForfeitureWarnings({ at }));
      console.log(
        `sendForfeitureWarnings: ${seconds(warnings.ms)} — ${warnings.value.warned.toLocaleString("en")} warned, ${warnings.value.emailed.toLocaleString("en")} emails queued; ` +
          `RSS peak during it ${mib(warnings.peakRss)}, process maxRSS ${mib(resourceUsage().maxRSS * 1024)}`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Runs `work`, timing it and sampling the process's resident memory meanwhile. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}
