import PgBoss from "pg-boss";
import { JOBS_SCHEMA } from "../../src/server/jobs/jobs-schema.ts";

/**
 * Creates (or migrates) pg-boss's schema, as a worker would on its first start, so that the migrate step
 * leaves a database every process can use at once: web instances report ready before any worker has run.
 * No supervision, no schedules: it starts, installs and stops.
 */
export async function installJobsSchema(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, application_name: "carely-migrate", max: 1, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => undefined); // start() rejects with the same error
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}
