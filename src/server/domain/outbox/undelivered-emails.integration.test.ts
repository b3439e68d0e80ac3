import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import type { Prisma } from "@/generated/prisma/client";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { MAX_EMAIL_ATTEMPTS, deliverOutboxEmail } from "@/server/messaging/deliver-outbox-email";
import { sweepEmailOutbox } from "@/server/messaging/sweep-email-outbox";
import { listUndeliveredEmails } from "./list-undelivered-emails";
import { retryOutboxEmail } from "./retry-outbox-email";

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

beforeEach(() => {
  setClock(T0);
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterEach(() => {
  for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL"]) delete process.env[name];
  resetEnvCache();
  vi.restoreAllMocks();
});

async function actor<R extends "ADMIN" | "MODERATOR" | "STAFF">(role: R) {
  return actorOf(await createStaff(role));
}

let sequence = 0;
async function email(data: Partial<Prisma.OutboxMessageUncheckedCreateInput> = {}) {
  sequence += 1;
  return db.outboxMessage.create({
    data: { channel: "EMAIL", status: "PENDING", recipient: `r${sequence}@example.test`, subject: `Письмо ${sequence}`, text: "Текст", html: "<p>Текст</p>", template: "request-decided", ...data },
  });
}

describe("administrators' list of undelivered emails", () => {
  it("shows failed emails newest first and waiting ones oldest first, with counts and what has given up", async () => {
    const admin = await actor("ADMIN");
    const gaveUp = await email({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null, lastError: "Resend answered HTTP 422 validation_error", createdAt: minutes(-60) });
    const retrying = await email({ status: "FAILED", attempts: 2, nextAttemptAt: minutes(2), lastError: "Resend is unreachable", createdAt: minutes(-5) });
    const pending = await email({ createdAt: minutes(-3) });
    const sending = await email({ status: "SENDING", attempts: 1, nextAttemptAt: minutes(10), createdAt: minutes(-4) });
    await email({ status: "SENT", attempts: 1, sentAt: minutes(-1) });
    await db.outboxMessage.create({ data: { channel: "SMS", status: "FAILED", recipient: "+79120000001", text: "код", lastError: "SMS.ru is down" } });

    const failed = await listUndeliveredEmails(admin, { tab: "failed" });
    expect(failed).toMatchObject({ counts: { failed: 2, waiting: 2 }, gaveUp: 1, maxAttempts: MAX_EMAIL_ATTEMPTS, hasMore: false });
    expect(failed.items.map((item) => [item.id, item.gaveUp, item.attempts, item.lastError, item.nextAttemptAt])).toEqual([
      [retrying.id, false, 2, "Resend is unreachable", minutes(2)],
      [gaveUp.id, true, MAX_EMAIL_ATTEMPTS, "Resend answered HTTP 422 validation_error", null],
    ]);
    expect(failed.items[0]).toMatchObject({ recipient: retrying.recipient, subject: retrying.subject, template: "request-decided" });

    const waiting = await listUndeliveredEmails(admin, { tab: "waiting" });
    expect(waiting.items.map((item) => [item.id, item.status])).toEqual([
      [sending.id, "SENDING"],
      [pending.id, "PENDING"],
    ]);
  });

  it("is for administrators only", async () => {
    for (const role of ["MODERATOR", "STAFF"] as const) {
      await expect(listUndeliveredEmails(wrongRole(await actor(role)), { tab: "failed" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("sending a failed email again", () => {
  it("puts it back in the queue with fresh attempts, audited; the provider sees the same idempotency key", async () => {
    const admin = await actor("ADMIN");
    let up = false;
    const server = await startFakeHttpServer((_request, response) =>
      up ? json(response, 200, { id: "re-after-retry" }) : json(response, 503, { statusCode: 503, name: "service_unavailable", message: "Down." }),
    );
    try {
      process.env.RESEND_API_KEY = "re_test_key";
      process.env.RESEND_BASE_URL = server.url;
      resetEnvCache();
      const row = await email();
      // Every attempt fails: the email ends FAILED for good.
      await deliverOutboxEmail(row.id);
      for (let minute = 1; minute <= 200; minute += 1) {
        setClock(minutes(minute));
        await sweepEmailOutbox();
      }
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null });

      await expect(retryOutboxEmail(admin, { id: row.id })).resolves.toEqual({ queued: true });
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
        status: "PENDING",
        attempts: 0,
        nextAttemptAt: null,
        lastError: "Resend answered HTTP 503 service_unavailable: Down.",
      });
      expect(await db.auditLog.findMany({ select: { actorId: true, action: true, entityType: true, entityId: true, data: true, createdAt: true } })).toEqual([
        {
          actorId: admin.id,
          action: "outbox-email.retry",
          entityType: "OutboxMessage",
          entityId: String(row.id),
          data: { attempts: MAX_EMAIL_ATTEMPTS, lastError: "Resend answered HTTP 503 service_unavailable: Down." },
          createdAt: minutes(200),
        },
      ]);
      // A second click while it waits changes nothing.
      await expect(retryOutboxEmail(admin, { id: row.id })).resolves.toEqual({ queued: false });
      expect(await db.auditLog.count()).toBe(1);

      up = true;
      await expect(deliverOutboxEmail(row.id)).resolves.toBe("SENT");
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 1, providerMessageId: "re-after-retry" });
      expect(server.requests).toHaveLength(MAX_EMAIL_ATTEMPTS + 1);
      expect(new Set(server.requests.map((request) => request.headers["idempotency-key"])).size).toBe(1);

      await expect(retryOutboxEmail(admin, { id: row.id })).rejects.toMatchObject({ code: "CONFLICT", message: "Письмо уже отправлено — повторять не нужно." });
    } finally {
      await server.close();
    }
  });

  it("refuses what is not an email, and anyone but an administrator", async () => {
    const admin = await actor("ADMIN");
    const sms = await db.outboxMessage.create({ data: { channel: "SMS", status: "FAILED", recipient: "+79120000001", text: "код" } });
    await expect(retryOutboxEmail(admin, { id: sms.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryOutboxEmail(admin, { id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const failed = await email({ status: "FAILED", attempts: MAX_EMAIL_ATTEMPTS });
    await expect(retryOutboxEmail(wrongRole(await actor("STAFF")), { id: failed.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
  });
});
