import { afterEach, describe, expect, it, vi } from "vitest";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { resetEnvCache } from "@/server/config/env";
import { receiptChecker } from "./index";
import { ProverkachekaChecker } from "./proverkacheka-checker";

// A fake proverkacheka.com on 127.0.0.1 answering in the real API's shape (POST /api/v1/check/get, form
// fields token + qrraw; HTTP 200 with {code, first, data} whatever the outcome).
const QR = "t=20261105T1432&s=1289.00&fn=7380440801234567&i=40217&fp=2987654321&n=1";

const servers: { close(): Promise<void> }[] = [];
restoreEnvAfterEach(["RECEIPT_CHECK_TOKEN", "RECEIPT_CHECK_BASE_URL"]);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

// Failures are logged for the operator; keep the test output quiet.
function silenceWarnings() {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
}

async function fakeService(answer: (form: URLSearchParams) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>) {
  const server = await startFakeHttpServer(async (request, response) => {
    const { status, body } = await answer(new URLSearchParams(request.body));
    if (typeof body === "string") {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(body);
    } else {
      json(response, status, body);
    }
  });
  servers.push(server);
  return server;
}

function foundAnswer(qrraw: string) {
  return {
    code: 1,
    first: 0,
    data: {
      json: {
        code: 3,
        user: "ООО \"КРАСОТА И ЗДОРОВЬЕ\"",
        userInn: "7701234567  ",
        retailPlace: "Магазин косметики №12",
        retailPlaceAddress: "125009, г. Москва, ул. Тверская, д. 7",
        dateTime: "2026-11-05T14:32:00",
        operationType: 1,
        totalSum: 128900,
        ecashTotalSum: 128900,
        cashTotalSum: 0,
        fiscalDriveNumber: "7380440801234567",
        fiscalDocumentNumber: 40217,
        fiscalSign: 2987654321,
        kktRegId: "0001234567012345    ",
        items: [
          { nds: 1, sum: 89900, name: "Carely Крем для лица увлажняющий 50 мл", price: 89900, quantity: 1, paymentType: 4, productType: 1 },
          { nds: 1, sum: 39000, name: "Carely Мицеллярная вода 200 мл", price: 19500, quantity: 2, paymentType: 4, productType: 1 },
          // A marked item (FFD 1.2): its GTIN is kept for the catalogue's codes.
          { nds: 1, sum: 0, name: "Пробник", price: 0, quantity: 1, paymentType: 4, productType: 33, productCodeNew: { gs1m: { gtin: "04607005120052", sernum: "5ZqpTAb", productIdType: 6, rawProductCode: "0104607005120052215ZqpTAb" } } },
        ],
        metadata: { id: 4373135767659163393, ofdId: "ofd22", subtype: "receipt", receiveDate: "2026-11-05T11:33:10Z" },
      },
      html: `<table class="b-check_table table"><tbody>${"<tr><td>…</td></tr>".repeat(5_000)}</tbody></table>`,
    },
    request: { qrurl: "", qrfile: "", qrraw, manual: { fn: "", fd: "", fp: "", check_time: "", type: "", sum: "" } },
  };
}

describe("proverkacheka.com adapter", () => {
  it("posts the token and the raw QR form-encoded and maps a found receipt", async () => {
    const server = await fakeService((form) => ({ status: 200, body: foundAnswer(form.get("qrraw") ?? "") }));
    const result = await new ProverkachekaChecker({ token: "test-token", baseUrl: server.url }).check(`  ${QR}\n`);

    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/api/v1/check/get");
    expect(request?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ token: "test-token", qrraw: QR });

    expect(result).toMatchObject({
      status: "CONFIRMED",
      seller: { name: "ООО \"КРАСОТА И ЗДОРОВЬЕ\"", inn: "7701234567", address: "125009, г. Москва, ул. Тверская, д. 7" },
      items: [
        { name: "Carely Крем для лица увлажняющий 50 мл", quantity: 1, priceKopecks: 89900, sumKopecks: 89900 },
        { name: "Carely Мицеллярная вода 200 мл", quantity: 2, priceKopecks: 19500, sumKopecks: 39000 },
        { name: "Пробник", quantity: 1, priceKopecks: 0, sumKopecks: 0, gtin: "04607005120052" },
      ],
      totalKopecks: 128900,
      purchasedAt: "2026-11-05T14:32:00",
    });
    expect(result.message).toBeUndefined();
    // The rendered HTML receipt (hundreds of kilobytes here) is not kept; the fiscal fields are.
    const raw = result.raw as { code: number; data: Record<string, unknown> };
    expect(raw.code).toBe(1);
    expect(raw.data).not.toHaveProperty("html");
    expect(raw.data.json).toMatchObject({ fiscalDriveNumber: "7380440801234567", operationType: 1 });
    expect(JSON.stringify(result.raw).length).toBeLessThan(5_000);
  });

  it("maps code 2 (not received yet) to NOT_FOUND with the service's words", async () => {
    const server = await fakeService(() => ({ status: 200, body: { code: 2, first: 0, data: "Данные чека пока не получены" } }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result.status).toBe("NOT_FOUND");
    expect(result.message).toMatch(/пока не получены/);
    expect(result.message).toMatch(/Ответ сервиса: «Данные чека пока не получены»/);
    expect(result.raw).toEqual({ code: 2, first: 0, data: "Данные чека пока не получены" });
  });

  it("maps code 0 (incorrect receipt) to NOT_FOUND", async () => {
    const server = await fakeService(() => ({ status: 200, body: { code: 0, first: 0, data: "Чек некорректен" } }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "NOT_FOUND", message: expect.stringMatching(/чек некорректен/) });
  });

  it.each([
    [3, true, /Превышено количество запросов/],
    [4, true, /подождать перед повторным запросом/],
    [5, false, /не смог получить данные чека/],
    [42, false, /неизвестным кодом 42/],
  ])("maps the service's error code %i to FAILED (retryable: %s)", async (code, retryable, message) => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 200, body: { code, first: 0, data: {} } }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result.status).toBe("FAILED");
    expect(result.message).toMatch(message);
    expect(result.retryable ?? false).toBe(retryable);
  });

  it("treats code 1 without the receipt's data as FAILED", async () => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 200, body: { code: 1, first: 0, data: { html: "<table></table>" } } }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/не прислал его данные/) });
  });

  it("treats HTTP 500 as FAILED without throwing", async () => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 500, body: "Internal Server Error" }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/HTTP 500/), retryable: true });
  });

  it("tells the administrator when the token is refused", async () => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 403, body: { error: "forbidden" } }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/RECEIPT_CHECK_TOKEN/) });
    expect(result.retryable).toBe(false);
  });

  it.each([
    ["an HTML page", "<html><body>502 Bad Gateway</body></html>"],
    ["truncated JSON", '{"code":1,"first":0,"data":{"json":{"user":"ООО'],
    ["JSON without a code", { status: "ok" }],
  ])("treats a garbage body (%s) as FAILED", async (_label, body) => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 200, body }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/непонятном формате/) });
  });

  it("gives up after the timeout when the service is slow", async () => {
    silenceWarnings();
    const server = await fakeService(async (form) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { status: 200, body: foundAnswer(form.get("qrraw") ?? "") };
    });
    const started = performance.now();
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url, timeoutMs: 200 }).check(QR);
    expect(performance.now() - started).toBeLessThan(1_200);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/не ответил за 1 с/), retryable: true });
  });

  it("treats an unreachable service as FAILED", async () => {
    silenceWarnings();
    const server = await fakeService(() => ({ status: 200, body: {} }));
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check(QR);
    expect(result).toMatchObject({ status: "FAILED", message: expect.stringMatching(/Не удалось связаться/), retryable: true });
  });

  it("does not call the service for an empty QR text", async () => {
    const server = await fakeService(() => ({ status: 200, body: {} }));
    const result = await new ProverkachekaChecker({ token: "t", baseUrl: server.url }).check("   ");
    expect(result.status).toBe("FAILED");
    expect(server.requests).toHaveLength(0);
  });
});

describe("receiptChecker()", () => {
  it("is the offline checker with no token, and proverkacheka.com once RECEIPT_CHECK_TOKEN is set", async () => {
    const server = await fakeService((form) => ({ status: 200, body: foundAnswer(form.get("qrraw") ?? "") }));
    delete process.env.RECEIPT_CHECK_TOKEN;
    process.env.RECEIPT_CHECK_BASE_URL = server.url;
    resetEnvCache();

    const offline = receiptChecker();
    expect(offline.name).toBe("offline");
    await expect(offline.check(QR)).resolves.toMatchObject({ status: "NOT_CHECKED", message: expect.stringMatching(/не настроена/) });
    expect(server.requests).toHaveLength(0);

    process.env.RECEIPT_CHECK_TOKEN = "live-token";
    resetEnvCache();
    const online = receiptChecker();
    expect(online.name).toBe("proverkacheka.com");
    await expect(online.check(QR)).resolves.toMatchObject({ status: "CONFIRMED", totalKopecks: 128900 });
    expect(new URLSearchParams(server.requests[0]?.body).get("token")).toBe("live-token");
  });
});
