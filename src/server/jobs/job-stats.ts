import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { JOBS } from "./job-registry";
import { JOBS_SCHEMA } from "./jobs-schema";

export interface JobQueueCount {
  queue: string;
  /** pg-boss's state: created, retry, active, completed, cancelled, failed. */
  state: string;
  count: number;
}

export interface JobLastRun {
  queue: string;
  /** From the run's start to its completion. */
  seconds: number;
  completedAt: Date;
}

const SCHEMA = Prisma.raw(`"${JOBS_SCHEMA}"`);

/**
 * Jobs in pg-boss's job table by queue and state: what waits (created, retry), runs (active) and recently
 * ended (pg-boss archives completed jobs after 12 hours, so the table stays small). Empty when no worker
 * has created the schema yet.
 */
export async function countJobs(): Promise<JobQueueCount[]> {
  if (!(await jobSchemaPresent())) return [];
  return db.$queryRaw<JobQueueCount[]>`SELECT name AS queue, state::text AS state, count(*)::int AS count FROM ${SCHEMA}.job GROUP BY name, state`;
}

/**
 * Each registered job's last completed run, read from pg-boss's history (the job table, then its archive,
 * kept 7 days) rather than from the worker, which is another process: every web instance reports the same.
 * One lookup per queue by name (the archive's primary key starts with it).
 */
export async function lastJobRuns(): Promise<JobLastRun[]> {
  if (!(await jobSchemaPresent())) return [];
  const names = JOBS.map((job) => job.name);
  return db.$queryRaw<JobLastRun[]>`
    SELECT queue, extract(epoch FROM completed_on - started_on)::float8 AS seconds, completed_on AS "completedAt"
      FROM unnest(${names}::text[]) AS queue,
           LATERAL (
             SELECT started_on, completed_on FROM (
               (SELECT started_on, completed_on FROM ${SCHEMA}.job WHERE name = queue AND state = 'completed' ORDER BY completed_on DESC LIMIT 1)
               UNION ALL
               (SELECT started_on, completed_on FROM ${SCHEMA}.archive WHERE name = queue AND state = 'completed' ORDER BY completed_on DESC LIMIT 1)
             ) AS runs
             ORDER BY completed_on DESC LIMIT 1
           ) AS last`;
}

async function jobSchemaPresent(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass(${`${JOBS_SCHEMA}.archive`}) IS NOT NULL AS present`;
  return row?.present === true;
}
