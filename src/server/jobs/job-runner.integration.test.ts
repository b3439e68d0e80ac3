import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { JOBS, JOB_TIME_ZONE, type JobDefinition } from "./job-registry";
import { JOBS_SCHEMA, type JobRunner, createJobRunner } from "./job-runner";

// pg-boss on the test database, in its own schema (the per-test reset empties `public` only).
const runners: JobRunner[] = [];

function runner(jobs?: readonly JobDefinition[]): JobRunner {
  // Schedules are registered but do not fire: a test sends the runs it wants.
  const created = createJobRunner({ connectionString: process.env.DATABASE_URL!, jobs, fireSchedules: false, pollingIntervalSeconds: 0.5, stopGraceMs: 5_000, log: () => {} });
  runners.push(created);
  return created;
}

function testJob(name: string, run: JobDefinition["run"], overrides: Partial<JobDefinition> = {}): JobDefinition {
  return { name, cron: "0 12 1 1 *", description: "test", retryLimit: 0, retryDelaySeconds: 0, expireInMinutes: 1, run, ...overrides };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

async function jobState(id: string) {
  const [row] = await db.$queryRawUnsafe<{ state: string; output: unknown; retry_count: number }[]>(
    `SELECT state::text, output, retry_count FROM ${JOBS_SCHEMA}.job WHERE id = $1::uuid`,
    id,
  );
  return row ?? null;
}

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((created) => created.stop()));
  vi.restoreAllMocks();
});

describe("the job runner", () => {
  it("registers every job of the registry with its schedule in Moscow time", async () => {
    expect(JOB_TIME_ZONE).toBe("Europe/Moscow");
    expect(JOBS.map((job) => [job.name, job.cron])).toEqual([
      ["email-outbox", "* * * * *"],
      ["storage-deletions", "*/5 * * * *"],
      ["figures-rollup", "15 0 * * *"],
      ["staff-digest", "0 9 * * *"],
      ["forfeiture", "0 3 * * *"],
      ["sign-in-records-purge", "30 3 * * *"],
      ["receipt-check-sweep", "* * * * *"],
    ]);

    // A job dropped from the registry since the last start must stop firing.
    const old = runner([testJob("retired-job", async () => {})]);
    await old.start();
    await old.stop();

    const jobs = runner();
    await jobs.start();
    const schedules = await db.$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>(
      `SELECT name, cron, timezone FROM ${JOBS_SCHEMA}.schedule ORDER BY name`,
    );
    expect(schedules).toEqual([
      { name: "email-outbox", cron: "* * * * *", timezone: "Europe/Moscow" },
      { name: "figures-rollup", cron: "15 0 * * *", timezone: "Europe/Moscow" },
      { name: "forfeiture", cron: "0 3 * * *", timezone: "Europe/Moscow" },
      { name: "receipt-check-sweep", cron: "* * * * *", timezone: "Europe/Moscow" },
      { name: "sign-in-records-purge", cron: "30 3 * * *", timezone: "Europe/Moscow" },
      { name: "staff-digest", cron: "0 9 * * *", timezone: "Europe/Moscow" },
      { name: "storage-deletions", cron: "*/5 * * * *", timezone: "Europe/Moscow" },
    ]);
    expect(await jobs.boss.getQueue("staff-digest")).toMatchObject({ policy: "stately", retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 });
    expect(await jobs.boss.getQueue("email-outbox")).toMatchObject({ policy: "stately", retryLimit: 0 });
    await expect(jobs.runNow("no-such-job")).rejects.toThrow(/Unknown job "no-such-job"/);
    // The on-demand queues: no schedule, any number of jobs waiting, retried with backoff.
    expect(await jobs.boss.getQueue("receipt-check")).toMatchObject({ policy: "standard", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
    await expect(jobs.send("no-such-queue", {})).rejects.toThrow(/Unknown queue "no-such-queue"/);
  });

  it("works a job end to end: sent, run at the clock's time, completed with its summary", async () => {
    const at = new Date("2026-03-02T06:00:00Z");
    setClock(at);
    const ran = deferred<Date>();
    const jobs = runner([testJob("test-echo", async (context) => {
      ran.resolve(context.at);
      return { echoed: 1 };
    })]);
    await jobs.start();

    const id = await jobs.runNow("test-echo");
    expect(id).toEqual(expect.any(String));
    await expect(ran.promise).resolves.toEqual(at);
    await expect.poll(async () => (await jobState(id!))?.state, { timeout: 10_000 }).toBe("completed");
    expect((await jobState(id!))?.output).toEqual({ echoed: 1 });
  });

  it("retries a run that failed", async () => {
    let calls = 0;
    const jobs = runner([
      testJob(
        "test-flaky",
        async () => {
          calls += 1;
          if (calls === 1) throw new Error("database hiccup");
          return { calls };
        },
        { retryLimit: 2, retryDelaySeconds: 1 },
      ),
    ]);
    await jobs.start();
    const id = await jobs.runNow("test-flaky");
    await expect.poll(async () => (await jobState(id!))?.state, { timeout: 15_000 }).toBe("completed");
    expect(calls).toBe(2);
    expect(await jobState(id!)).toMatchObject({ retry_count: 1, output: { calls: 2 } });
  });

  it("runs the email job of the registry: a queued email goes out", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const email = await db.outboxMessage.create({ data: { channel: "EMAIL", status: "PENDING", recipient: "shopper@example.test", subject: "Тема", text: "Текст", template: "request-decided" } });
    const jobs = runner(JOBS.filter((job) => job.name === "email-outbox"));
    await jobs.start();
    await jobs.runNow("email-outbox");
    await expect.poll(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: email.id } })).status, { timeout: 10_000 }).toBe("SENT");
  });

  it("stops cleanly: lets the running job finish, then closes its connections", async () => {
    const started = deferred<void>();
    let finished = false;
    const jobs = runner([
      testJob("test-slow", async () => {
        started.resolve();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        finished = true;
        return { finished: 1 };
      }),
    ]);
    await jobs.start();
    const id = await jobs.runNow("test-slow");
    await started.promise;

    await jobs.stop();
    expect(finished).toBe(true);
    await expect.poll(async () => (await jobState(id!))?.state, { timeout: 5_000 }).toBe("completed");
    await expect
      .poll(async () => {
        const [row] = await db.$queryRaw<[{ count: number }]>`
          SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'carely-jobs' AND datname = current_database()`;
        return row.count;
      }, { timeout: 5_000 })
      .toBe(0);
    // Stopping twice is harmless (SIGINT and SIGTERM may both arrive).
    await jobs.stop();
  });
});
