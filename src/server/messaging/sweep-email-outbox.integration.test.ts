import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, startFakeHttpServer } from "../../../tests/support/fake-http-server";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { MAX_EMAIL_ATTEMPTS, deliverOutboxEmail, emailRetryDelayMs } from "./deliver-outbox-email";
import { queueEmail } from "./queue-email";
import { sweepEmailOutbox } from "./sweep-email-outbox";

const T0 = new Date("2026-03-02T09:00:00Z");
const servers: { close(): Promise<void> }[] = [];

beforeEach(() => {
  setClock(T0);
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL"]) delete process.env[name];
  resetEnvCache();
  vi.restoreAllMocks();
});

/**
 * A fake Resend on 127.0.0.1 that behaves like the real one where it matters here: it fails the first
 * `failures` requests with a 503, and honours `Idempotency-Key` (a key it has accepted answers with the
 * first email's id and delivers nothing new). `delivered` is what recipients would actually receive.
 */
async function fakeResend(options: { failures?: number; delayMs?: number } = {}) {
  let failuresLeft = options.failures ?? 0;
  const accepted = new Map<string, string>();
  const delivered: { id: string; idempotencyKey: string; to: string[]; subject: string }[] = [];
  const server = await startFakeHttpServer(async (request, response) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      json(response, 503, { statusCode: 503, name: "service_unavailable", message: "Try again later." });
      return;
    }
    const key = String(request.headers["idempotency-key"] ?? "");
    let id = accepted.get(key);
    if (!id) {
      id = `re-${accepted.size + 1}`;
      accepted.set(key, id);
      const body = JSON.parse(request.body) as { to: string[]; subject: string };
      delivered.push({ id, idempotencyKey: key, to: body.to, subject: body.subject });
    }
    json(response, 200, { id });
  });
  servers.push(server);
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = server.url;
  resetEnvCache();
  return { ...server, delivered };
}

async function queue(to: string, index = 1): Promise<number> {
  const id = await db.$transaction((tx) =>
    queueEmail(tx, { to, subject: `Заявка №${index}: отзыв одобрен`, html: "<p>Одобрено</p>", text: "Одобрено", template: "request-decided", dedupeKey: `test:${index}` }),
  );
  if (id === null) throw new Error("not queued");
  return id;
}

const at = (ms: number) => new Date(T0.getTime() + ms);

describe("email delivery through the outbox job", () => {
  it("sends exactly one email when the provider fails 3 times, then succeeds", async () => {
    const resend = await fakeResend({ failures: 3 });
    const id = await queue("shopper@example.test");

    // The attempt right after the response fails (1)…
    await expect(deliverOutboxEmail(id)).resolves.toBe("FAILED");
    // …then the every-minute sweep: nothing before each backoff has passed, one attempt after it.
    let clock = T0.getTime();
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      const retryAt = clock + emailRetryDelayMs(attempt - 1);
      setClock(new Date(retryAt - 1_000));
      await expect(sweepEmailOutbox()).resolves.toEqual({ SENT: 0, FAILED: 0, SKIPPED: 0 });
      setClock(new Date(retryAt));
      await expect(sweepEmailOutbox()).resolves.toEqual(attempt < 4 ? { SENT: 0, FAILED: 1, SKIPPED: 0 } : { SENT: 1, FAILED: 0, SKIPPED: 0 });
      clock = retryAt;
    }
    // Later sweeps leave it alone.
    setClock(at(24 * 60 * 60_000));
    await expect(sweepEmailOutbox()).resolves.toEqual({ SENT: 0, FAILED: 0, SKIPPED: 0 });

    expect(resend.requests).toHaveLength(4);
    expect(new Set(resend.requests.map((request) => request.headers["idempotency-key"])).size).toBe(1);
    expect(resend.delivered).toEqual([{ id: "re-1", idempotencyKey: resend.requests[0]!.headers["idempotency-key"], to: ["shopper@example.test"], subject: "Заявка №1: отзыв одобрен" }]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      attempts: 4,
      providerMessageId: "re-1",
      nextAttemptAt: null,
      sentAt: new Date(clock),
      // The last failure stays on record beside the success.
      lastError: "Resend answered HTTP 503 service_unavailable: Try again later.",
    });
  });

  it("backs off 1, 2, 4 … minutes between attempts and stops after the last one, leaving the email FAILED", async () => {
    const resend = await fakeResend({ failures: 1_000 });
    const id = await queue("shopper@example.test");
    const attemptsAt: number[] = [];
    // Sweep every minute for three hours, as the job does, then once more a day later.
    for (const minute of [...Array.from({ length: 181 }, (_, index) => index), 24 * 60]) {
      setClock(at(minute * 60_000));
      const before = resend.requests.length;
      await sweepEmailOutbox();
      if (resend.requests.length > before) attemptsAt.push(minute);
    }
    expect(attemptsAt).toEqual([0, 1, 3, 7, 15, 31, 63, 127]);
    expect(attemptsAt).toHaveLength(MAX_EMAIL_ATTEMPTS);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null, sentAt: null });
    expect(resend.delivered).toHaveLength(0);
  });

  it("never sends one email twice when two sweeps run at once", async () => {
    // A slow provider keeps both sweeps in flight together for the whole batch.
    const resend = await fakeResend({ delayMs: 20 });
    const ids: number[] = [];
    for (let index = 1; index <= 12; index += 1) ids.push(await queue(`r${index}@example.test`, index));

    const [first, second] = await Promise.all([sweepEmailOutbox({ batchSize: 5 }), sweepEmailOutbox({ batchSize: 5 })]);
    expect(first.SENT + second.SENT).toBe(12);
    expect(first.FAILED + second.FAILED).toBe(0);
    // Each row went to the provider once: no request repeats an idempotency key.
    expect(resend.requests).toHaveLength(12);
    expect(new Set(resend.requests.map((request) => request.headers["idempotency-key"])).size).toBe(12);
    expect(resend.delivered.map((email) => email.to[0]).sort()).toEqual(ids.map((_, index) => `r${index + 1}@example.test`).sort());
    expect(await db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } })).toEqual(ids.map(() => ({ status: "SENT", attempts: 1 })));
  });

  it("drains a backlog larger than one batch in one run", async () => {
    await fakeResend();
    for (let index = 1; index <= 7; index += 1) await queue(`r${index}@example.test`, index);
    await expect(sweepEmailOutbox({ batchSize: 3 })).resolves.toEqual({ SENT: 7, FAILED: 0, SKIPPED: 0 });
    expect(await db.outboxMessage.count({ where: { status: "SENT" } })).toBe(7);
  });
});
