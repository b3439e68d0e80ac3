import "server-only";
import { env } from "@/server/config/env";
import { disconnectDb } from "@/server/db/client";
import { JOBS } from "./job-registry";
import { createJobRunner } from "./job-runner";
import { logger } from "@/server/observability/logger";

/** Past this, a stop that hangs (a stuck query) ends the process anyway: a deploy or Ctrl+C must not wait forever. */
const HARD_EXIT_MS = 30_000;

/**
 * The job worker process (scripts/worker.ts: `npm run worker`, and started by `npm start` beside the web
 * app): runs the registry's jobs on DATABASE_URL until SIGINT or SIGTERM, then lets running jobs finish
 * (a job cut short is retried later; every job is idempotent) and exits.
 */
export async function runWorker(): Promise<void> {
  const connectionString = env().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: the worker runs on the portal's database (`npm start` starts one for itself and its worker)");
  }
  const runner = createJobRunner({ connectionString });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: "jobs.stopping", reason }, `jobs: ${reason}: stopping…`);
    setTimeout(() => {
      logger.error({ event: "jobs.stop-timeout" }, `jobs: still stopping after ${HARD_EXIT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, HARD_EXIT_MS).unref();
    try {
      await runner.stop();
      await disconnectDb();
      process.exit(0);
    } catch (error) {
      logger.error({ event: "jobs.stop-failed", err: error }, "jobs: stopping failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
  // Started by `npm start` (scripts/lib/job-worker-process.ts) with an IPC channel: it closes when that
  // process dies however it dies (even kill -9), and the worker must not outlive it as an orphan.
  if (process.connected) process.once("disconnect", () => void stop("npm start has exited"));
  await runner.start();
  for (const job of JOBS) if (job.runOnStart) await runner.runNow(job.name);
}
