import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/server/config/env";
import { logger } from "@/server/observability/logger";
import { JOBS_SCHEMA } from "./jobs-schema";

/**
 * Queues on-demand jobs (QUEUES in job-registry.ts) from any process, the web app included: a send-only
 * pg-boss on one pooled connection (no polling, no schedules, no migrations: the worker owns the schema).
 * The idle connection does not keep the process alive.
 */
let client: Promise<PgBoss> | null = null;

function sender(): Promise<PgBoss> {
  client ??= (async () => {
    const connectionString = env().DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    // pg-boss passes its options on to pg's pool, which knows allowExitOnIdle and idleTimeoutMillis.
    const options = {
      connectionString,
      schema: JOBS_SCHEMA,
      application_name: "carely-jobs-send",
      max: 1,
      supervise: false,
      schedule: false,
      migrate: false,
      allowExitOnIdle: true,
      idleTimeoutMillis: 10_000,
    } satisfies PgBoss.ConstructorOptions & { allowExitOnIdle: boolean; idleTimeoutMillis: number };
    const boss = new PgBoss(options);
    boss.on("error", (error) => logger.warn({ err: error }, "job queue connection error"));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    // Try again on the next send (the worker may not have created the schema yet).
    client = null;
    throw error;
  });
  return client;
}

/**
 * Queues one run of an on-demand job. Returns the job's id, or null when pg-boss refused a duplicate
 * (singletonKey within singletonSeconds). Throws when the queue cannot be reached: callers that must not
 * lose the work keep it durable themselves (a status the worker's sweep finds) and only log the failure.
 */
export async function enqueueJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await sender();
  return boss.send(name, data, options);
}
