// npx tsx bench/metrics.ts — what a /api/metrics scrape costs the database on the bench:queue data set
// (1,000,000 requests, 40,000 open; bench/queue-seed.ts), and that each read uses its index.
//
// BENCH_DATABASE_URL names the database (seeded once, shared with bench:queue), else an embedded PostgreSQL
// in .data/bench-postgres. BENCH_REQUESTS: samples per read (default 50).
import "../scripts/lib/allow-server-only.ts";
import { applyMigrations } from "../scripts/lib/migrations.ts";
import { summarise } from "./lib.ts";
import { openQueueBenchDatabase, seedQueueBench, shapeFromEnv } from "./queue-seed.ts";

const SAMPLES = Number(process.env.BENCH_REQUESTS ?? 50);
const log = (line: string) => console.log(`[bench:metrics] ${line}`);

const database = await openQueueBenchDatabase(log);
try {
  await applyMigrations(database.url, { log });
  await seedQueueBench(database.url, shapeFromEnv(), log);
  process.env.DATABASE_URL = database.url;
  const { countOpenRequests } = await import("../src/server/domain/moderation/count-open-requests.ts");
  const { countEmailOutbox } = await import("../src/server/domain/outbox/count-email-outbox.ts");
  const { countJobs, lastJobRuns } = await import("../src/server/jobs/job-stats.ts");
  const { renderMetrics } = await import("../src/server/observability/render-metrics.ts");
  const { disconnectDb } = await import("../src/server/db/client.ts");

  const reads: [string, () => Promise<unknown>][] = [
    ["open requests by due state", () => countOpenRequests(new Date())],
    ["email outbox by status", () => countEmailOutbox()],
    ["pg-boss jobs by queue and state", () => countJobs()],
    ["last job runs", () => lastJobRuns()],
    ["the whole scrape (renderMetrics)", () => renderMetrics()],
  ];
  log(`open requests now: ${JSON.stringify(await countOpenRequests(new Date()))}`);
  for (const [label, read] of reads) {
    for (let warm = 0; warm < 5; warm += 1) await read();
    const samples: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    log(summarise(label, samples));
  }
  // The plan of the one read over the big table: an index-only scan of the open-queue index.
  const { Prisma } = await import("../src/generated/prisma/client.ts");
  const { db } = await import("../src/server/db/client.ts");
  const { openRequestCountsSql } = await import("../src/server/domain/moderation/count-open-requests.ts");
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${openRequestCountsSql(new Date())}`);
  for (const row of plan) log(`  ${row["QUERY PLAN"]}`);
  await disconnectDb();
} finally {
  await database.stop();
}
