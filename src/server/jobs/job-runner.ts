import "server-only";
import PgBoss from "pg-boss";
import { now } from "@/server/clock";
import { JOBS, JOB_TIME_ZONE, type JobDefinition } from "./job-registry";

import { JOBS_SCHEMA } from "./jobs-schema";

export { JOBS_SCHEMA };

export interface JobRunner {
  /** Creates the schema if needed, then registers every job's queue, worker and schedule. */
  start(): Promise<void>;
  /** Stops taking jobs, waits (up to the grace period) for the ones running, and closes the connections. */
  stop(): Promise<void>;
  /** Queues a run of a registered job now, besides its schedule (null when one is already waiting). */
  runNow(name: string): Promise<string | null>;
  readonly boss: PgBoss;
}

export interface JobRunnerOptions {
  connectionString: string;
  /** The jobs to run: the registry unless a test passes its own. */
  jobs?: readonly JobDefinition[];
  /** How often an idle worker asks for work. Scheduled jobs need no more than this. */
  pollingIntervalSeconds?: number;
  /** False: the schedules are registered but never fire (tests send their jobs themselves). */
  fireSchedules?: boolean;
  /** How long stop() lets running jobs finish before failing them (pg-boss retries them later). */
  stopGraceMs?: number;
  log?: (line: string) => void;
}

/** A result worth a log line: anything but "nothing to do" (every figure zero), so the every-minute sweep stays quiet. */
function isNothing(result: object | void): boolean {
  if (!result) return true;
  return Object.values(result).every((value) => value === 0);
}

/**
 * The background job runner on PostgreSQL (pg-boss; no Redis). Each job of the registry gets a queue, a
 * worker taking one run at a time, and a cron schedule in Moscow time. Several runners may share one
 * database (a worker next to each web instance): pg-boss lets one of them turn each cron tick into a job
 * and hands each job to exactly one worker.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const jobs = options.jobs ?? JOBS;
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOBS_SCHEMA,
    application_name: "carely-jobs",
    // Polling, cron and maintenance need a few connections; the handlers use the portal's own pool.
    max: 4,
    schedule: options.fireSchedules ?? true,
  });
  // pg-boss reports trouble in its loops (a lost connection, a failed poll) as events and carries on: an
  // unhandled "error" event would kill the process instead.
  boss.on("error", (error) => console.error("[jobs] pg-boss error:", error instanceof Error ? error.message : error));

  const byName = new Map(jobs.map((job) => [job.name, job]));

  async function register(job: JobDefinition): Promise<void> {
    const queue: PgBoss.Queue = {
      name: job.name,
      // At most one run waiting and one running: a slow run never piles up a backlog of ticks.
      policy: "stately",
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: job.retryLimit > 0,
      expireInSeconds: job.expireInMinutes * 60,
    };
    // createQueue leaves an existing queue alone; updateQueue brings its options in line with the registry.
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue);
    await boss.work<object>(job.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async () => {
      const at = now();
      const startedAt = Date.now();
      try {
        const result = await job.run({ at });
        if (!isNothing(result)) log(`${job.name}: done in ${Date.now() - startedAt} ms${result ? ` ${JSON.stringify(result)}` : ""}`);
        return result ?? undefined;
      } catch (error) {
        console.error(`[jobs] ${job.name} failed after ${Date.now() - startedAt} ms:`, error);
        throw error;
      }
    });
    await boss.schedule(job.name, job.cron, {}, { tz: JOB_TIME_ZONE });
  }

  return {
    boss,
    async start() {
      await boss.start();
      for (const job of jobs) await register(job);
      // A job removed from the registry must stop firing (its schedule lives in the database).
      for (const schedule of await boss.getSchedules()) {
        if (!byName.has(schedule.name)) await boss.unschedule(schedule.name);
      }
      log(`started: ${jobs.map((job) => `${job.name} (${job.cron}, ${JOB_TIME_ZONE})`).join("; ")}`);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: options.stopGraceMs ?? 20_000 });
      log("stopped");
    },
    async runNow(name) {
      if (!byName.has(name)) throw new Error(`Unknown job "${name}" (known: ${[...byName.keys()].join(", ")})`);
      return boss.send(name, {});
    },
  };
}
