import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { deliverDueEmails, deliverOutboxEmail } from "@/server/messaging/deliver-outbox-email";
import { emailSender } from "./index";
import { DEFAULT_RESEND_FROM, ResendSender } from "./resend-sender";

// A fake Resend on 127.0.0.1 answering in the real API's shape (POST /emails → {id}; errors → {statusCode, name, message}).
const servers: { close(): Promise<void> }[] = [];
const T0 = new Date("2026-03-02T09:00:00Z");

beforeEach(() => {
  setClock(T0);
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL", "RESEND_FROM"]) delete process.env[name];
  resetEnvCache();
  vi.restoreAllMocks();
});

async function fakeResend(answer: (body: Record<string, unknown>) => { status: number; body: unknown }) {
  const server = await startFakeHttpServer((request, response) => {
    const { status, body } = answer(JSON.parse(request.body || "{}") as Record<string, unknown>);
    if (typeof body === "string") {
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(body);
    } else {
      json(response, status, body);
    }
  });
  servers.push(server);
  return server;
}

function useResend(url: string): void {
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = url;
  resetEnvCache();
}

const message = { to: "shopper@example.test", subject: "Тема", html: "<p>Привет</p>", text: "Привет", idempotencyKey: "key-1", tag: "request-decided" };

async function queueEmail(overrides: { recipient?: string } = {}) {
  return db.outboxMessage.create({
    data: {
      channel: "EMAIL",
      status: "PENDING",
      recipient: overrides.recipient ?? "shopper@example.test",
      subject: "Заявка №1: отзыв одобрен, +500 баллов",
      text: "Модератор одобрил отзыв.",
      html: "<p>Модератор одобрил отзыв.</p>",
      template: "request-decided",
      dedupeKey: "part:1:attempt:1:decided",
    },
  });
}

describe("Resend adapter", () => {
  it("posts the email as JSON with the API key and an idempotency key, and returns Resend's id", async () => {
    const server = await fakeResend(() => ({ status: 200, body: { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" } }));
    const sender = new ResendSender({ apiKey: "re_test_key", baseUrl: server.url, from: "Carely <no-reply@carely.example>" });
    await expect(sender.send(message)).resolves.toEqual({ providerMessageId: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" });

    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.headers["content-type"]).toContain("application/json");
    expect(request?.headers["idempotency-key"]).toBe("key-1");
    // Sent through the official SDK.
    expect(request?.headers["user-agent"]).toMatch(/^resend-node:/);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      from: "Carely <no-reply@carely.example>",
      to: ["shopper@example.test"],
      subject: "Тема",
      html: "<p>Привет</p>",
      text: "Привет",
      tags: [{ name: "template", value: "request-decided" }],
    });
  });

  it("reports Resend's error name and message with the HTTP status", async () => {
    const server = await fakeResend(() => ({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field. The email address needs to follow the `email@example.com` format." },
    }));
    await expect(new ResendSender({ apiKey: "k", baseUrl: server.url, from: DEFAULT_RESEND_FROM }).send(message)).rejects.toThrow(
      "Resend answered HTTP 422 validation_error: Invalid `to` field.",
    );
  });

  it("reports an HTTP error without a JSON body, a reply without an id, and an unreachable API", async () => {
    const broken = await fakeResend(() => ({ status: 502, body: "Bad Gateway" }));
    // The SDK reports a non-JSON error body as its generic application_error.
    await expect(new ResendSender({ apiKey: "k", baseUrl: broken.url, from: DEFAULT_RESEND_FROM }).send(message)).rejects.toMatchObject({
      message: expect.stringMatching(/^Resend answered HTTP 502 application_error: /),
      permanent: false,
    });

    const odd = await fakeResend(() => ({ status: 200, body: {} }));
    await expect(new ResendSender({ apiKey: "k", baseUrl: odd.url, from: DEFAULT_RESEND_FROM }).send(message)).rejects.toThrow(/no id/);

    const gone = await fakeResend(() => ({ status: 200, body: { id: "x" } }));
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    await expect(new ResendSender({ apiKey: "k", baseUrl: gone.url, from: DEFAULT_RESEND_FROM }).send(message)).rejects.toThrow(/Resend is unreachable/);
  });

  it("gives up after its timeout when Resend does not answer", async () => {
    const slow = await startFakeHttpServer(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      json(response, 200, { id: "late" });
    });
    servers.push(slow);
    const started = performance.now();
    await expect(new ResendSender({ apiKey: "k", baseUrl: slow.url, from: DEFAULT_RESEND_FROM, timeoutMs: 200 }).send(message)).rejects.toThrow(
      "Resend is unreachable: no answer in 1 s",
    );
    expect(performance.now() - started).toBeLessThan(1_200);
  });

  it("does not retry an email Resend refuses as invalid (a permanent failure)", async () => {
    const server = await fakeResend(() => ({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." } }));
    useResend(server.url);
    const row = await queueEmail({ recipient: "not-an-address" });
    await expect(deliverOutboxEmail(row.id)).resolves.toBe("FAILED");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "Resend answered HTTP 422 validation_error: Invalid `to` field.",
      nextAttemptAt: null,
    });
    setClock(new Date(T0.getTime() + 24 * 60 * 60_000));
    await expect(deliverDueEmails()).resolves.toEqual({ SENT: 0, FAILED: 0, SKIPPED: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it("switches on by RESEND_API_KEY alone; delivery through it stores Resend's id", async () => {
    expect(emailSender().name).toBe("outbox");
    const server = await fakeResend(() => ({ status: 200, body: { id: "re-msg-1" } }));
    useResend(server.url);
    expect(emailSender().name).toBe("resend");

    const row = await queueEmail();
    await expect(deliverOutboxEmail(row.id)).resolves.toBe("SENT");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      provider: "resend",
      providerMessageId: "re-msg-1",
      attempts: 1,
      sentAt: T0,
      nextAttemptAt: null,
      lastError: null,
    });
    expect(server.requests).toHaveLength(1);
    const body = JSON.parse(server.requests[0]?.body ?? "") as Record<string, unknown>;
    expect(body).toMatchObject({ from: DEFAULT_RESEND_FROM, to: ["shopper@example.test"], subject: row.subject, html: row.html, text: row.text });
    expect(server.requests[0]?.headers["idempotency-key"]).toBe(`carely-email-${row.id}-${row.createdAt.getTime()}`);
  });

  it("records a failure with its error and a retry time, then retries with the same idempotency key", async () => {
    let fail = true;
    const server = await fakeResend(() =>
      fail
        ? { status: 500, body: { statusCode: 500, name: "application_error", message: "Something went wrong." } }
        : { status: 200, body: { id: "re-msg-2" } },
    );
    useResend(server.url);
    process.env.RESEND_FROM = "Carely Club <club@carely.test>";
    resetEnvCache();

    const row = await queueEmail();
    await expect(deliverOutboxEmail(row.id)).resolves.toBe("FAILED");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "FAILED",
      provider: "resend",
      attempts: 1,
      lastError: "Resend answered HTTP 500 application_error: Something went wrong.",
      nextAttemptAt: new Date(T0.getTime() + 60_000),
      sentAt: null,
    });

    // Not due yet: the sweep leaves it alone.
    fail = false;
    setClock(new Date(T0.getTime() + 30_000));
    await expect(deliverDueEmails()).resolves.toEqual({ SENT: 0, FAILED: 0, SKIPPED: 0 });
    expect(server.requests).toHaveLength(1);

    setClock(new Date(T0.getTime() + 61_000));
    await expect(deliverDueEmails()).resolves.toEqual({ SENT: 1, FAILED: 0, SKIPPED: 0 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", providerMessageId: "re-msg-2", attempts: 2, nextAttemptAt: null });
    const [first, second] = server.requests;
    expect(second?.headers["idempotency-key"]).toBe(first?.headers["idempotency-key"]);
    expect((JSON.parse(second?.body ?? "") as { from: string }).from).toBe("Carely Club <club@carely.test>");
  });
});
