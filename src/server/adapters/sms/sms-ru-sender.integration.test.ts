import { afterEach, describe, expect, it } from "vitest";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { requestSignInCode } from "@/server/domain/auth/request-sign-in-code";
import { smsSender } from "./index";
import { SmsRuSender } from "./sms-ru-sender";

// A fake SMS.ru on 127.0.0.1 answering in the real API's shape (https://sms.ru/api/send, json=1).
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  delete process.env.SMS_RU_API_ID;
  delete process.env.SMS_RU_BASE_URL;
  resetEnvCache();
});

async function fakeSmsRu(answer: (form: URLSearchParams) => { status: number; body: unknown }) {
  const server = await startFakeHttpServer((request, response) => {
    const form = new URLSearchParams(request.body);
    const { status, body } = answer(form);
    json(response, status, body);
  });
  servers.push(server);
  return server;
}

function accepted(to: string) {
  return { status: 200, body: { status: "OK", status_code: 100, sms: { [to]: { status: "OK", status_code: 100, sms_id: "000000-10000000" } }, balance: 4122.56 } };
}

describe("SMS.ru adapter", () => {
  it("posts the message form-encoded and returns the provider's id", async () => {
    const server = await fakeSmsRu((form) => accepted(form.get("to") ?? ""));
    const sender = new SmsRuSender({ apiId: "test-api-id", baseUrl: server.url });
    await expect(sender.send({ to: "+79123456789", text: "Carely: код 123456" })).resolves.toEqual({ providerMessageId: "000000-10000000" });
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/sms/send");
    expect(request?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({ api_id: "test-api-id", to: "79123456789", msg: "Carely: код 123456", json: "1" });
  });

  it("treats an overall ERROR status as a failure", async () => {
    const server = await fakeSmsRu(() => ({ status: 200, body: { status: "ERROR", status_code: 200, status_text: "Неправильный api_id" } }));
    await expect(new SmsRuSender({ apiId: "bad", baseUrl: server.url }).send({ to: "+79123456789", text: "x" })).rejects.toThrow(/200 Неправильный api_id/);
  });

  it("treats a refused number as a failure", async () => {
    const server = await fakeSmsRu((form) => ({
      status: 200,
      body: { status: "OK", status_code: 100, sms: { [form.get("to") ?? ""]: { status: "ERROR", status_code: 207, status_text: "На этот номер нельзя отправлять сообщения" } } },
    }));
    await expect(new SmsRuSender({ apiId: "id", baseUrl: server.url }).send({ to: "+79123456789", text: "x" })).rejects.toThrow(/207/);
  });

  it("treats an HTTP error as a failure", async () => {
    const server = await fakeSmsRu(() => ({ status: 503, body: {} }));
    await expect(new SmsRuSender({ apiId: "id", baseUrl: server.url }).send({ to: "+79123456789", text: "x" })).rejects.toThrow(/HTTP 503/);
  });

  it("switches on by SMS_RU_API_ID alone and sends sign-in codes through it", async () => {
    expect(smsSender().name).toBe("outbox");
    const server = await fakeSmsRu((form) => accepted(form.get("to") ?? ""));
    process.env.SMS_RU_API_ID = "live-id";
    process.env.SMS_RU_BASE_URL = server.url;
    resetEnvCache();
    expect(smsSender().name).toBe("sms.ru");

    await requestSignInCode({ phone: "+79123456789", ipKey: null, deviceHash: "a".repeat(64) });
    expect(server.requests).toHaveLength(1);
    const message = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "+79123456789" } });
    expect(message).toMatchObject({ status: "SENT", provider: "sms.ru", providerMessageId: "000000-10000000" });
    expect(new URLSearchParams(server.requests[0]?.body).get("msg")).toMatch(/\d{6}/);
  });

  it("reports a gateway failure clearly, records it, and lets the shopper retry at once", async () => {
    let fail = true;
    const server = await fakeSmsRu((form) => (fail ? { status: 500, body: {} } : accepted(form.get("to") ?? "")));
    process.env.SMS_RU_API_ID = "live-id";
    process.env.SMS_RU_BASE_URL = server.url;
    resetEnvCache();

    const error = await requestSignInCode({ phone: "+79123456789", ipKey: null, deviceHash: "a".repeat(64) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("DELIVERY_FAILED");
    expect((error as AppError).message).toMatch(/Не удалось отправить SMS/);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { recipient: "+79123456789" } })).toMatchObject({ status: "FAILED" });

    fail = false;
    await expect(requestSignInCode({ phone: "+79123456789", ipKey: null, deviceHash: "a".repeat(64) })).resolves.toMatchObject({ phone: "+79123456789" });
  });
});
