import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, fileTestRequest } from "../../../../tests/support/requests";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { JOBS, QUEUES, type QueueDefinition } from "@/server/jobs/job-registry";
import { JOBS_SCHEMA, type JobRunner, createJobRunner } from "@/server/jobs/job-runner";
import { AUTOMATION_RULES } from "@/lib/rules/automation-rules";
import type { AdminActor } from "@/server/auth/assert-role";
import { updateAutomationRules } from "@/server/domain/admin/update-automation-rules";
import { checkReceiptThenDecide } from "@/server/domain/auto-moderation/check-receipt-then-decide";
import { checkReceipt } from "./check-receipt";
import { RECEIPT_CHECK_QUEUE } from "./receipt-check-policy";
import { recheckReceipt } from "./recheck-receipt";
import { sweepReceiptChecks } from "./sweep-receipt-checks";

// The receipt check as a pg-boss job on the test database, against a fake proverkacheka.com on 127.0.0.1
// (POST /api/v1/check/get, form token + qrraw, HTTP 200 with {code, data} whatever the outcome).

// The moderator action, outside Next.js: scripted session, a peer address, no cache to revalidate.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-portal-peer-address": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

const T0 = new Date("2026-03-02T09:00:00Z");
const servers: { close(): Promise<void> }[] = [];
const runners: JobRunner[] = [];
restoreEnvAfterEach(["RECEIPT_CHECK_TOKEN", "RECEIPT_CHECK_BASE_URL"]);

type Answer = { status: number; body: unknown };
const TRY_LATER: Answer = { status: 200, body: { code: 4, first: 0, data: "Подождите перед повторным запросом" } };
const DOWN: Answer = { status: 503, body: "Service Unavailable" };
const FOUND: Answer = {
  status: 200,
  body: { code: 1, first: 0, data: { json: { user: "ООО \"КРАСОТА\"", userInn: "7701234567", totalSum: 128900, dateTime: "2026-02-27T14:32:00", items: [] } } },
};

/** A fake service giving the scripted answers in turn (the last one from then on), with the token switched on. */
async function fakeService(...answers: Answer[]) {
  let calls = 0;
  const server = await startFakeHttpServer((_request, response) => {
    const answer = answers[Math.min(calls, answers.length - 1)]!;
    calls += 1;
    if (typeof answer.body === "string") {
      response.writeHead(answer.status, { "content-type": "text/html" });
      response.end(answer.body);
    } else {
      json(response, answer.status, answer.body);
    }
  });
  servers.push(server);
  process.env.RECEIPT_CHECK_TOKEN = "test-token";
  process.env.RECEIPT_CHECK_BASE_URL = server.url;
  resetEnvCache();
  return server;
}

/** The registry's queue, with the test's short backoff: 3 attempts, 1 s base. */
function testQueue(): QueueDefinition {
  const queue = QUEUES.find((definition) => definition.name === RECEIPT_CHECK_QUEUE)!;
  return { ...queue, retryDelaySeconds: 1, run: ({ data }) => checkReceipt({ receiptId: (data as { receiptId: number }).receiptId, maxAttempts: 3, retryDelaySeconds: 1 }) };
}

async function startWorker(queues: readonly QueueDefinition[] = [testQueue()]): Promise<JobRunner> {
  const runner = createJobRunner({ connectionString: process.env.DATABASE_URL!, jobs: [], queues, fireSchedules: false, pollingIntervalSeconds: 0.5, stopGraceMs: 5_000, log: () => {} });
  runners.push(runner);
  await runner.start();
  return runner;
}

async function receiptOf(requestId: number) {
  return db.receipt.findFirstOrThrow({ where: { part: { requestId } } });
}

/** The id of the receipt's queued job; the test then deletes it, as a failed send or a crash would lose it. */
async function checkReceiptJobWaiting(requestId: number): Promise<string> {
  const receipt = await receiptOf(requestId);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND state = 'created' AND data->>'receiptId' = $2`,
    RECEIPT_CHECK_QUEUE,
    String(receipt.id),
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

async function checkJobs() {
  return db.$queryRawUnsafe<{ state: string; retry_count: number }[]>(`SELECT state::text, retry_count FROM ${JOBS_SCHEMA}.job WHERE name = $1 ORDER BY created_on`, RECEIPT_CHECK_QUEUE);
}

beforeEach(async () => {
  setClock(T0);
  // The adapter logs each failed call for the operator.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  session.actor = null;
  // pg-boss's schema outlives the per-test reset of `public`: drop the jobs an earlier test left.
  const [{ present }] = await db.$queryRaw<[{ present: boolean }]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS present`;
  if (present) await db.$executeRawUnsafe(`DELETE FROM ${JOBS_SCHEMA}.job WHERE name = $1`, RECEIPT_CHECK_QUEUE);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

describe("the receipt check job", () => {
  it("is registered as an on-demand queue with retries and backoff, and its sweep as a minute job", () => {
    expect(QUEUES.find((queue) => queue.name === "receipt-check")).toMatchObject({ retryLimit: 5, retryDelaySeconds: 30 });
    expect(JOBS.find((job) => job.name === "receipt-check-sweep")).toMatchObject({ cron: "* * * * *" });
  });

  it("offline (no token): filing stays instant, NOT_CHECKED, and queues nothing", async () => {
    await startWorker();
    const { requestId } = await fileTestRequest();
    expect(await receiptOf(requestId)).toMatchObject({ checkStatus: "NOT_CHECKED", checkAttempts: 0, checkNextAt: null });
    expect(await checkJobs()).toEqual([]);
  });

  it("files the request at once with the receipt CHECKING; the worker retries a \"try later\" answer and settles CONFIRMED", async () => {
    const server = await fakeService(TRY_LATER, FOUND);
    await startWorker();
    const { requestId } = await fileTestRequest();
    // Filing did not wait for the service.
    expect(await receiptOf(requestId)).toMatchObject({ checkStatus: "CHECKING", checkAttempts: 0 });

    await expect.poll(async () => (await receiptOf(requestId)).checkStatus, { timeout: 20_000, interval: 200 }).toBe("CONFIRMED");
    const receipt = await receiptOf(requestId);
    expect(receipt).toMatchObject({ checkAttempts: 2, checkNextAt: null, checkedAt: expect.any(Date) });
    expect(receipt.checkResult).toMatchObject({ status: "CONFIRMED", totalKopecks: 128900, seller: { inn: "7701234567" } });
    expect(server.requests).toHaveLength(2);
    expect(new URLSearchParams(server.requests[0]?.body).get("token")).toBe("test-token");
    // One job, retried once by pg-boss.
    await expect.poll(checkJobs, { timeout: 5_000 }).toEqual([{ state: "completed", retry_count: 1 }]);
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId } })).receiptCheckFailed).toBe(false);
  });

  it("with the approval rule on, a receipt the service asks to retry waits, undecided, and is approved by the rule when the answer comes", async () => {
    const withProduct: Answer = { status: 200, body: { code: 1, first: 0, data: { json: { ...(FOUND.body as { data: { json: object } }).data.json, items: [{ name: "CARELY СЫВ.НИАЦИН 30МЛ", price: 128900, quantity: 1, sum: 128900 }] } } } };
    await fakeService(TRY_LATER, TRY_LATER, withProduct);
    const admin = actorOf(await createStaff("ADMIN")) as AdminActor;
    await updateAutomationRules(admin, Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, rule === "receipt.approve"])) as Record<(typeof AUTOMATION_RULES)[number], boolean>);
    // The job as the registry runs it (check, then the rules), with the test's short backoff.
    await startWorker([{ ...testQueue(), run: ({ data }) => checkReceiptThenDecide({ receiptId: (data as { receiptId: number }).receiptId, maxAttempts: 3, retryDelaySeconds: 1 }) }]);
    const { requestId, shopper } = await fileTestRequest();
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId }, select: { productId: true } });
    await db.product.update({ where: { id: request.productId }, data: { matchTerms: ["Carely сыв ниацин"] } });
    const receiptPart = () => db.requestPart.findFirstOrThrow({ where: { requestId, kind: "RECEIPT" } });

    // While the service says "try later", nothing is decided.
    await expect.poll(async () => (await receiptOf(requestId)).checkAttempts, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    expect(await receiptPart()).toMatchObject({ status: "PENDING", decidedByRule: null });

    await expect.poll(async () => (await receiptPart()).status, { timeout: 20_000, interval: 200 }).toBe("APPROVED");
    expect(await receiptOf(requestId)).toMatchObject({ checkStatus: "CONFIRMED", checkAttempts: 3 });
    expect(await receiptPart()).toMatchObject({ decidedByRule: "receipt.approve", decidedById: null, points: 100 });
    expect((await db.user.findUniqueOrThrow({ where: { id: shopper.id } })).pointsBalance).toBe(100);
  });

  it("settles FAILED after the attempt limit when the service keeps answering HTTP 5xx", async () => {
    const server = await fakeService(DOWN);
    await startWorker();
    const { requestId } = await fileTestRequest();
    await expect.poll(async () => (await receiptOf(requestId)).checkStatus, { timeout: 30_000, interval: 200 }).toBe("FAILED");
    expect(await receiptOf(requestId)).toMatchObject({ checkAttempts: 3, checkNextAt: null });
    expect((await receiptOf(requestId)).checkResult).toMatchObject({ status: "FAILED", message: expect.stringMatching(/HTTP 503/) });
    expect(server.requests).toHaveLength(3);
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: requestId } })).receiptCheckFailed).toBe(true);
  });

  it("settles at once on an answer that is not \"try later\" (the token refused)", async () => {
    const server = await fakeService({ status: 403, body: { error: "forbidden" } });
    const { requestId } = await fileTestRequest();
    const receipt = await receiptOf(requestId);
    await expect(checkReceipt({ receiptId: receipt.id })).resolves.toEqual({ status: "FAILED", attempts: 1 });
    // Idempotent: a second run of the same job (or its twin) finds it settled and calls nobody.
    await expect(checkReceipt({ receiptId: receipt.id })).resolves.toEqual({ skipped: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("the sweep queues again a check whose job was lost", async () => {
    await fakeService(FOUND);
    // The queue exists (a worker ran once), but no worker runs now: the receipt waits CHECKING with its job queued.
    await (await startWorker()).stop();
    const { requestId } = await fileTestRequest();
    expect(await receiptOf(requestId)).toMatchObject({ checkStatus: "CHECKING" });

    // A job waiting in the queue (a backlog) is not a lost one.
    const waiting = await checkReceiptJobWaiting(requestId);
    await expect(sweepReceiptChecks({ at: new Date(T0.getTime() + 5 * 60_000) })).resolves.toEqual({ requeued: 0 });
    await db.$executeRawUnsafe(`DELETE FROM ${JOBS_SCHEMA}.job WHERE id = $1::uuid`, waiting);

    await startWorker();
    // Not stale yet: left alone.
    await expect(sweepReceiptChecks({ at: new Date(T0.getTime() + 60_000) })).resolves.toEqual({ requeued: 0 });
    await expect(sweepReceiptChecks({ at: new Date(T0.getTime() + 5 * 60_000) })).resolves.toEqual({ requeued: 1 });
    // Just re-queued: the next minute's sweep does not queue it twice.
    await expect(sweepReceiptChecks({ at: new Date(T0.getTime() + 6 * 60_000) })).resolves.toEqual({ requeued: 0 });
    await expect.poll(async () => (await receiptOf(requestId)).checkStatus, { timeout: 15_000, interval: 200 }).toBe("CONFIRMED");
  });
});

describe("the moderator's re-check", () => {
  it("is for moderators and admins only, rate limited, and queues one check for a double click", async () => {
    const { recheckReceiptAction } = await import("@/app/moderation/actions");
    const server = await fakeService({ status: 200, body: { code: 2, first: 0, data: "Данные чека пока не получены" } }, FOUND);
    await startWorker();
    const { requestId, shopper } = await fileTestRequest();
    await expect.poll(async () => (await receiptOf(requestId)).checkStatus, { timeout: 15_000, interval: 200 }).toBe("NOT_FOUND");
    const receipt = await receiptOf(requestId);

    session.actor = null;
    await expect(recheckReceiptAction({ receiptId: receipt.id })).resolves.toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    session.actor = shopper;
    await expect(recheckReceiptAction({ receiptId: receipt.id })).resolves.toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.actor = actorOf(await createStaff("STAFF"));
    await expect(recheckReceiptAction({ receiptId: receipt.id })).resolves.toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await receiptOf(requestId)).checkStatus).toBe("NOT_FOUND");

    session.actor = await createModerator();
    const [first, second] = await Promise.all([recheckReceiptAction({ receiptId: receipt.id }), recheckReceiptAction({ receiptId: receipt.id })]);
    expect([first, second].map((result) => result.ok && result.data.queued).sort()).toEqual([false, true]);
    expect(await receiptOf(requestId)).toMatchObject({ checkStatus: "CHECKING", checkAttempts: 0 });
    await expect.poll(async () => (await receiptOf(requestId)).checkStatus, { timeout: 15_000, interval: 200 }).toBe("CONFIRMED");
    expect(server.requests).toHaveLength(2);

    session.actor = actorOf(await createStaff("ADMIN"));
    await expect(recheckReceiptAction({ receiptId: receipt.id })).resolves.toMatchObject({ ok: true, data: { queued: true, requestId } });

    // Twenty re-checks per moderator per ten minutes.
    const moderator = await createModerator();
    session.actor = moderator;
    let refused = null;
    for (let i = 0; i < 21 && !refused; i += 1) {
      const result = await recheckReceiptAction({ receiptId: receipt.id });
      if (!result.ok) refused = result;
    }
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("is refused offline and for a receipt without a readable QR", async () => {
    const moderator = await createModerator();
    const { requestId } = await fileTestRequest();
    const receipt = await receiptOf(requestId);
    await expect(recheckReceipt(moderator, { receiptId: receipt.id })).rejects.toThrow(/не настроена/);
    await fakeService(FOUND);
    await db.receipt.update({ where: { id: receipt.id }, data: { fiscalKey: null } });
    await expect(recheckReceipt(moderator, { receiptId: receipt.id })).rejects.toThrow(/не распознан/);
  });
});
