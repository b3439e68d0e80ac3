import "server-only";
import { now } from "@/server/clock";
import { countOpenRequests, DUE_STATES } from "@/server/domain/moderation/count-open-requests";
import { countEmailOutbox } from "@/server/domain/outbox/count-email-outbox";
import { countJobs, lastJobRuns } from "@/server/jobs/job-stats";
import { logger } from "./logger";
import { httpRequestDuration, qrDecodeDuration, smsSent } from "./metrics";
import { metricsRegistry, sharedMetric } from "./metrics-core.mjs";

// Series read from the database at scrape time: the same on every instance.

const openRequests = () =>
  sharedMetric("gauge", { name: "portal_open_requests", help: "Requests waiting for a decision, by due state (overdue, today, soon, later): the moderation queue's rule", labelNames: ["due_state"] });
const overdueRequests = () => sharedMetric("gauge", { name: "portal_overdue_requests", help: "Requests waiting for a decision past their due time" });
const emailOutbox = () =>
  sharedMetric("gauge", { name: "portal_email_outbox_messages", help: "Emails not yet sent, by status (pending, sending, failed_retrying, failed_gave_up)", labelNames: ["status"] });
const jobQueue = () => sharedMetric("gauge", { name: "portal_job_queue_jobs", help: "pg-boss jobs by queue and state (completed jobs are archived after 12 hours)", labelNames: ["queue", "state"] });
const jobLastDuration = () =>
  sharedMetric("gauge", { name: "portal_job_last_run_duration_seconds", help: "Duration of each job's last completed run (queue=forfeiture: the forfeiture run), from pg-boss's history", labelNames: ["queue"] });
const jobLastCompleted = () =>
  sharedMetric("gauge", { name: "portal_job_last_run_completed_timestamp_seconds", help: "When each job's last completed run ended (Unix time)", labelNames: ["queue"] });
const scrapeErrors = () => sharedMetric("counter", { name: "portal_metrics_collect_errors_total", help: "Database reads for /api/metrics that failed (their series are left out)" });

/** Sets the database-backed series (each group on its own: one failing read leaves the others). */
async function collectDatabaseSeries(): Promise<void> {
  const at = now();
  await Promise.all([
    collect(async () => {
      const counts = await countOpenRequests(at);
      for (const state of DUE_STATES) openRequests().set({ due_state: state }, counts[state]);
      overdueRequests().set(counts.overdue);
    }),
    collect(async () => {
      const counts = await countEmailOutbox();
      const gauge = emailOutbox();
      gauge.set({ status: "pending" }, counts.pending);
      gauge.set({ status: "sending" }, counts.sending);
      gauge.set({ status: "failed_retrying" }, counts.failedRetrying);
      gauge.set({ status: "failed_gave_up" }, counts.failedGaveUp);
    }),
    collect(async () => {
      const rows = await countJobs();
      const gauge = jobQueue();
      gauge.reset();
      for (const row of rows) gauge.set({ queue: row.queue, state: row.state }, row.count);
    }),
    collect(async () => {
      const runs = await lastJobRuns();
      jobLastDuration().reset();
      jobLastCompleted().reset();
      for (const run of runs) {
        jobLastDuration().set({ queue: run.queue }, run.seconds);
        jobLastCompleted().set({ queue: run.queue }, run.completedAt.getTime() / 1000);
      }
    }),
  ]);
}

async function collect(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    scrapeErrors().inc();
    logger.error({ event: "metrics.collect-failed", err: error }, "metrics: a database read failed");
  }
}

/** Everything in Prometheus's text format, the database series read now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  // Made before the first scrape so that they show (at zero) before anything happened.
  httpRequestDuration();
  qrDecodeDuration();
  smsSent();
  scrapeErrors();
  await collectDatabaseSeries();
  const registry = metricsRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
