/**
 * pg-boss keeps its queues, jobs and schedules in this schema of the portal's database, creating and
 * migrating it itself on start. Prisma's migrations and their drift check only look at `public`.
 * Its own file so that the readiness probe and the send-only queue client can name it without loading pg-boss
 * and the job registry. Not `server-only`: scripts/db/migrate.ts and the cluster tests read the name in plain Node.
 */
export const JOBS_SCHEMA = "pgboss";
