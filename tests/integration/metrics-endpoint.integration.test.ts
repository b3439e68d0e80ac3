// GET /api/metrics end to end on the test database: the token check and every named series.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { JOBS } from "@/server/jobs/job-registry";
import { JOBS_SCHEMA, createJobRunner } from "@/server/jobs/job-runner";
import { sendSms } from "@/server/messaging/send-sms";
import { restoreEnvAfterEach } from "../support/env";
import { fileTestRequest } from "../support/requests";

const { GET } = await import("@/app/api/metrics/route");

const TOKEN = "metrics-token-for-tests-0123456789";
// Monday 12:00 in Moscow.
const T0 = new Date("2026-03-02T09:00:00Z");
const hours = (count: number) => new Date(T0.getTime() + count * 3_600_000);

function scrape(authorization?: string) {
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
}

/** The value of one series in Prometheus's text format ("name{labels} value"), or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

restoreEnvAfterEach(["METRICS_TOKEN"]);
beforeEach(() => {
  process.env.METRICS_TOKEN = TOKEN;
  resetEnvCache();
  setClock(T0);
});
afterEach(() => setClock(null));

describe("GET /api/metrics", () => {
  it("answers 401 without the token or with another, and 404 while METRICS_TOKEN is unset", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
    const refused = await scrape("Bearer wrong");
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("portal_");

    delete process.env.METRICS_TOKEN;
    resetEnvCache();
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("shows the named series with the token: queue by due state, outbox, jobs, forfeiture run, QR, SMS, HTTP", async () => {
    // Three open requests: overdue, due today (Moscow), due next week; the filing decodes each receipt's QR.
    const dueAts = [hours(-1), hours(3), hours(24 * 7)];
    for (const dueAt of dueAts) {
      const { requestId } = await fileTestRequest();
      await db.reviewRequest.update({ where: { id: requestId }, data: { dueAt } });
    }
    await db.outboxMessage.createMany({
      data: [
        { channel: "EMAIL", status: "PENDING", recipient: "a@example.test", subject: "s", text: "t" },
        { channel: "EMAIL", status: "FAILED", recipient: "b@example.test", subject: "s", text: "t", nextAttemptAt: null },
        { channel: "EMAIL", status: "SENT", recipient: "c@example.test", subject: "s", text: "t" },
      ],
    });
    await sendSms("+79001234567", "Код: 1234", "sign-in-code");

    // The forfeiture run, by a worker (another process in production): its duration comes from pg-boss's history.
    const runner = createJobRunner({ connectionString: process.env.DATABASE_URL!, jobs: JOBS.filter((job) => job.name === "forfeiture"), fireSchedules: false, pollingIntervalSeconds: 0.5, log: () => {} });
    await runner.start();
    try {
      const id = await runner.runNow("forfeiture");
      await expect
        .poll(async () => (await db.$queryRawUnsafe<{ state: string }[]>(`SELECT state::text FROM ${JOBS_SCHEMA}.job WHERE id = $1::uuid`, id))[0]?.state, { timeout: 20_000 })
        .toBe("completed");
    } finally {
      await runner.stop();
    }

    await scrape("Bearer nope");
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();

    expect(sample(body, 'portal_open_requests{due_state="overdue"}')).toBe(1);
    expect(sample(body, 'portal_open_requests{due_state="today"}')).toBe(1);
    expect(sample(body, 'portal_open_requests{due_state="soon"}')).toBe(0);
    expect(sample(body, 'portal_open_requests{due_state="later"}')).toBe(1);
    expect(sample(body, "portal_overdue_requests")).toBe(1);
    expect(sample(body, 'portal_email_outbox_messages{status="pending"}')).toBe(1);
    expect(sample(body, 'portal_email_outbox_messages{status="failed_gave_up"}')).toBe(1);
    expect(sample(body, 'portal_email_outbox_messages{status="failed_retrying"}')).toBe(0);
    expect(sample(body, 'portal_job_queue_jobs{queue="forfeiture",state="completed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'portal_job_last_run_duration_seconds{queue="forfeiture"}')).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'portal_job_last_run_completed_timestamp_seconds{queue="forfeiture"}')).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(sample(body, 'portal_qr_decode_duration_seconds_count{outcome="fiscal"}')).toBeGreaterThanOrEqual(3);
    expect(sample(body, 'portal_sms_sent_total{provider="outbox",outcome="sent"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'portal_http_request_duration_seconds_count{kind="route",route="api/metrics",method="GET",status="401"}')).toBeGreaterThanOrEqual(1);
    expect(body).toContain("process_cpu_seconds_total");
    expect(body).not.toContain("a@example.test");
  });
});
