/**
 * pg-boss keeps its queues, jobs and schedules in this schema of the portal's database, creating and
 * migrating it itself on start. Prisma's migrations and their drift check only look at `public`.
 * (Its own file so that the send-only queue client does not import the registry.)
 */
export const JOBS_SCHEMA = "pgboss";
