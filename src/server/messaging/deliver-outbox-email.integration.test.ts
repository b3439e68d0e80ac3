import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, startFakeHttpServer } from "../../../tests/support/fake-http-server";
import type { Prisma } from "@/generated/prisma/client";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { MAX_EMAIL_ATTEMPTS, deliverDueEmails, deliverOutboxEmail, emailRetryDelayMs } from "./deliver-outbox-email";
import { queueEmail } from "./queue-email";
import { logger } from "@/server/observability/logger";

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);
let log: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  setClock(T0);
  log = vi.spyOn(logger, "info");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  resetEnvCache();
  vi.restoreAllMocks();
});

let sequence = 0;
async function email(data: Partial<Prisma.OutboxMessageUncheckedCreateInput> = {}) {
  sequence += 1;
  return db.outboxMessage.create({
    data: { channel: "EMAIL", status: "PENDING", recipient: `r${sequence}@example.test`, subject: `Письмо ${sequence}`, text: "Текст", html: "<p>Текст</p>", template: "request-decided", ...data },
  });
}

async function statusOf(id: number) {
  return db.outboxMessage.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, nextAttemptAt: true, lastError: true } });
}

describe("email delivery from the outbox", () => {
  it("queues an email once per dedupe key, without failing the caller's transaction on a repeat", async () => {
    const message = { to: "a@example.test", subject: "Тема", html: "<p>Текст</p>", text: "Текст", template: "request-decided", dedupeKey: "part:1:attempt:1:decided" };
    const [first, second] = await db.$transaction(async (tx) => [await queueEmail(tx, message), await queueEmail(tx, message)]);
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(await db.outboxMessage.findMany({ select: { id: true, status: true, channel: true } })).toEqual([{ id: first, status: "PENDING", channel: "EMAIL" }]);
  });

  it("sends a queued email through the development outbox once, however many deliverers race for it", async () => {
    const row = await email({ recipient: "shopper@example.test", subject: "Заявка №5: чек отклонён" });
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverOutboxEmail(row.id)));
    expect(results.filter((result) => result === "SENT")).toHaveLength(1);
    expect(results.filter((result) => result === "SKIPPED")).toHaveLength(4);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith({ event: "dev-outbox.email" }, "dev-outbox: email to shopper@example.test: Заявка №5: чек отклонён");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", provider: "outbox", attempts: 1, sentAt: T0, nextAttemptAt: null });
    await expect(deliverOutboxEmail(row.id)).resolves.toBe("SKIPPED");
  });

  it("never touches an SMS or an unknown row", async () => {
    const sms = await db.outboxMessage.create({ data: { channel: "SMS", status: "PENDING", recipient: "+79120000001", text: "код 123456" } });
    await expect(deliverOutboxEmail(sms.id)).resolves.toBe("SKIPPED");
    await expect(deliverOutboxEmail(999_999)).resolves.toBe("SKIPPED");
    expect((await statusOf(sms.id)).status).toBe("PENDING");
  });

  it("backs off exponentially, up to two hours", () => {
    expect([1, 2, 3, 4, 5].map(emailRetryDelayMs)).toEqual([1, 2, 4, 8, 16].map((count) => count * 60_000));
    expect(emailRetryDelayMs(20)).toBe(2 * 60 * 60_000);
  });

  it("sweeps what is due: new emails, failed ones past their backoff, and sends abandoned mid-way", async () => {
    const fresh = await email();
    const failedDue = await email({ status: "FAILED", attempts: 2, nextAttemptAt: minutes(-1), lastError: "HTTP 500" });
    const failedLater = await email({ status: "FAILED", attempts: 2, nextAttemptAt: minutes(5) });
    const givenUp = await email({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null });
    const abandoned = await email({ status: "SENDING", attempts: 1, nextAttemptAt: minutes(-1) });
    const inFlight = await email({ status: "SENDING", attempts: 1, nextAttemptAt: minutes(9) });
    const abandonedLast = await email({ status: "SENDING", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: minutes(-1) });
    const sent = await email({ status: "SENT", attempts: 1, sentAt: minutes(-10) });
    await db.outboxMessage.create({ data: { channel: "SMS", status: "PENDING", recipient: "+79120000001", text: "код" } });

    await expect(deliverDueEmails()).resolves.toEqual({ SENT: 3, FAILED: 0, SKIPPED: 0 });
    expect(await statusOf(fresh.id)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await statusOf(failedDue.id)).toMatchObject({ status: "SENT", attempts: 3 });
    expect(await statusOf(abandoned.id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect(await statusOf(failedLater.id)).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(await statusOf(givenUp.id)).toMatchObject({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS });
    expect(await statusOf(inFlight.id)).toMatchObject({ status: "SENDING", attempts: 1 });
    expect(await statusOf(abandonedLast.id)).toMatchObject({ status: "FAILED", nextAttemptAt: null, lastError: "Sending was interrupted on the last attempt" });
    expect(await statusOf(sent.id)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await db.outboxMessage.count({ where: { channel: "SMS", status: "PENDING" } })).toBe(1);
  });

  it("sends at most `limit` per sweep, oldest first", async () => {
    const rows = [];
    for (let index = 0; index < 3; index += 1) rows.push(await email());
    await expect(deliverDueEmails(2)).resolves.toEqual({ SENT: 2, FAILED: 0, SKIPPED: 0 });
    expect((await statusOf(rows[2]!.id)).status).toBe("PENDING");
  });

  it("gives up after the last attempt against a failing provider", async () => {
    const server = await startFakeHttpServer((_request, response) => json(response, 503, { statusCode: 503, name: "service_unavailable", message: "Try later." }));
    try {
      process.env.RESEND_API_KEY = "re_test_key";
      process.env.RESEND_BASE_URL = server.url;
      resetEnvCache();
      const row = await email();
      await expect(deliverOutboxEmail(row.id)).resolves.toBe("FAILED");
      expect(await statusOf(row.id)).toMatchObject({ status: "FAILED", attempts: 1, nextAttemptAt: minutes(1), lastError: "Resend answered HTTP 503 service_unavailable: Try later." });

      let at = T0;
      for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt += 1) {
        at = new Date(at.getTime() + emailRetryDelayMs(attempt - 1));
        setClock(at);
        await expect(deliverDueEmails()).resolves.toEqual({ SENT: 0, FAILED: 1, SKIPPED: 0 });
      }
      expect(await statusOf(row.id)).toMatchObject({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null });
      setClock(new Date(at.getTime() + 24 * 60 * 60_000));
      await expect(deliverDueEmails()).resolves.toEqual({ SENT: 0, FAILED: 0, SKIPPED: 0 });
      expect(server.requests).toHaveLength(MAX_EMAIL_ATTEMPTS);
    } finally {
      await server.close();
    }
  });
});
