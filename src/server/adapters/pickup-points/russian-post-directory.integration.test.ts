import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type RecordedRequest, json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { rejectionOf } from "../../../../tests/support/rejection";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { resetEnvCache } from "@/server/config/env";
import { searchPickupPoints } from "@/server/domain/pickup-points/search-pickup-points";
import { AppError } from "@/server/errors";
import { pickupPointDirectory } from "./index";
import { PickupPointLookupError } from "./pickup-point-lookup-error";
import { RussianPostDirectory, formatWorkingHours } from "./russian-post-directory";

// A fake otpravka.pochta.ru on 127.0.0.1 answering the office lookup in the real API's shapes:
// GET /postoffice/1.0/{index}, /postoffice/1.0/settlement.offices.codes, /postoffice/1.0/by-address, each
// with Authorization: AccessToken … and X-User-Authorization: Basic ….

const ENV_NAMES = ["RUSSIAN_POST_ACCESS_TOKEN", "RUSSIAN_POST_LOGIN_KEY", "RUSSIAN_POST_BASE_URL", "CDEK_CLIENT_ID", "CDEK_CLIENT_SECRET"] as const;
restoreEnvAfterEach(ENV_NAMES);
const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

const LOGIN_KEY = Buffer.from("shop@example.ru:secret").toString("base64");

function week(begin: string, end: string, days = [1, 2, 3, 4, 5, 6, 7], lunches: { "begin-lunchtime": string; "end-lunchtime": string }[] = []) {
  return days.map((day) => ({ "weekday-id": day, "begin-worktime": begin, "end-worktime": end, lunches }));
}

const OFFICES: Record<string, Record<string, unknown>> = {
  "101000": {
    "postal-code": "101000",
    "address-source": "ул Мясницкая, д 26А, стр 1",
    region: "Москва",
    settlement: "Москва",
    latitude: "55.764473",
    longitude: "37.638062",
    "is-closed": false,
    "is-temporary-closed": false,
    "is-private-category": false,
    "type-code": "ГОПС",
    "type-id": 8,
    holidays: [],
    "working-hours": [...week("08:00:00.000", "22:00:00.000", [1, 2, 3, 4, 5]), ...week("09:00:00.000", "18:00:00.000", [6, 7])],
  },
  "125009": {
    "postal-code": "125009",
    "address-source": "ул Тверская, д 7",
    settlement: "Москва",
    latitude: 55.7617,
    longitude: 37.6105,
    "type-code": "ГОПС",
    "working-hours": [...week("08:00", "20:00", [2, 3, 4, 5, 6], [{ "begin-lunchtime": "13:00", "end-lunchtime": "13:30" }])],
  },
  "125047": { "postal-code": "125047", "address-source": "ул 1-я Тверская-Ямская, д 2", settlement: "Москва", "is-closed": true },
  "125252": { "postal-code": "125252", "address-source": "ул Куусинена, д 6", settlement: "Москва", "is-temporary-closed": true },
  "190000": { "postal-code": "190000", "address-source": "ул Почтамтская, д 9", settlement: "Санкт-Петербург", latitude: 59.93, longitude: 30.3 },
};

interface FakePost {
  url: string;
  requests: RecordedRequest[];
  override?: (request: RecordedRequest, response: ServerResponse) => boolean;
}

async function fakeRussianPost(): Promise<FakePost> {
  const state: FakePost = { url: "", requests: [] };
  const server = await startFakeHttpServer((request, response) => {
    if (state.override?.(request, response)) return;
    if (request.headers.authorization !== "AccessToken test-token" || request.headers["x-user-authorization"] !== `Basic ${LOGIN_KEY}`) {
      return json(response, 401, { code: "1001", desc: "Unauthorized" });
    }
    const url = new URL(request.path, "http://fake");
    if (url.pathname === "/postoffice/1.0/settlement.offices.codes") {
      const settlement = url.searchParams.get("settlement");
      return json(response, 200, settlement === "Москва" ? ["125252", "101000", "125009", "125047", "127999"] : []);
    }
    if (url.pathname === "/postoffice/1.0/by-address") {
      const address = url.searchParams.get("address") ?? "";
      const postoffices = /тверская/i.test(address) ? ["125009", "125047", "190000"] : [];
      return json(response, 200, { "is-matched": postoffices.length > 0, postoffices });
    }
    const office = /^\/postoffice\/1\.0\/(\d{6})$/.exec(url.pathname);
    if (office) {
      const found = OFFICES[office[1]!];
      return found ? json(response, 200, found) : json(response, 404, { code: "404", desc: "Post office not found" });
    }
    json(response, 404, {});
  });
  servers.push(server);
  state.url = server.url;
  state.requests = server.requests;
  return state;
}

function directoryFor(post: FakePost, extra: Partial<ConstructorParameters<typeof RussianPostDirectory>[0]> = {}) {
  return new RussianPostDirectory({ accessToken: "test-token", loginKey: LOGIN_KEY, baseUrl: post.url, ...extra });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, PickupPointLookupError);

describe("Russian Post office lookup", () => {
  it("finds an office by index with both authorisation headers and maps it", async () => {
    const post = await fakeRussianPost();
    const office = await directoryFor(post).find("RUSSIAN_POST", "101000");
    expect(office).toEqual({
      carrier: "RUSSIAN_POST",
      code: "101000",
      name: "Отделение Почты России 101000",
      city: "Москва",
      address: "ул Мясницкая, д 26А, стр 1",
      postalCode: "101000",
      workHours: "Пн-Пт 08:00-22:00, Сб-Вс 09:00-18:00",
      latitude: 55.764473,
      longitude: 37.638062,
    });
    const [request] = post.requests;
    expect(request?.path).toBe("/postoffice/1.0/101000");
    expect(request?.headers.authorization).toBe("AccessToken test-token");
    expect(request?.headers["x-user-authorization"]).toBe(`Basic ${LOGIN_KEY}`);
  });

  it("answers null for an index with no office, a closed office, or not an index", async () => {
    const post = await fakeRussianPost();
    const directory = directoryFor(post);
    await expect(directory.find("RUSSIAN_POST", "127999")).resolves.toBeNull();
    await expect(directory.find("RUSSIAN_POST", "125047")).resolves.toBeNull();
    await expect(directory.find("RUSSIAN_POST", "125252")).resolves.toBeNull();
    const before = post.requests.length;
    await expect(directory.find("RUSSIAN_POST", "12345")).resolves.toBeNull();
    await expect(directory.find("CDEK", "101000")).resolves.toBeNull();
    expect(post.requests.length).toBe(before);
  });

  it("remembers offices it has read", async () => {
    const post = await fakeRussianPost();
    const directory = directoryFor(post);
    await directory.find("RUSSIAN_POST", "101000");
    await directory.find("RUSSIAN_POST", "101000");
    await directory.find("RUSSIAN_POST", "127999");
    await directory.find("RUSSIAN_POST", "127999");
    expect(post.requests).toHaveLength(2);
  });

  it("lists a city's open offices from its indexes", async () => {
    const post = await fakeRussianPost();
    const offices = await directoryFor(post).search({ carrier: "RUSSIAN_POST", city: "г. Москва" });
    expect(offices.map((office) => office.code)).toEqual(["101000", "125009"]);
    const codes = post.requests.find((request) => request.path.startsWith("/postoffice/1.0/settlement.offices.codes"))!;
    expect(new URL(codes.path, "http://fake").searchParams.get("settlement")).toBe("Москва");
    expect(offices[1]?.workHours).toBe("Пн выходной, Вт-Сб 08:00-20:00 (перерыв 13:00-13:30), Вс выходной");
  });

  it("searches by street through the by-address lookup, keeping this city's offices", async () => {
    const post = await fakeRussianPost();
    const offices = await directoryFor(post).search({ carrier: "RUSSIAN_POST", city: "Москва", query: "Тверская 7", limit: 10 });
    expect(offices.map((office) => office.code)).toEqual(["125009"]);
    const byAddress = post.requests.find((request) => request.path.startsWith("/postoffice/1.0/by-address"))!;
    const params = new URL(byAddress.path, "http://fake").searchParams;
    expect(params.get("address")).toBe("Москва, Тверская 7");
    expect(params.get("top")).toBe("10");
  });

  it("takes a typed index straight to that office, in this city only", async () => {
    const post = await fakeRussianPost();
    const directory = directoryFor(post);
    expect((await directory.search({ carrier: "RUSSIAN_POST", city: "Москва", query: "125009" })).map((office) => office.code)).toEqual(["125009"]);
    expect(await directory.search({ carrier: "RUSSIAN_POST", city: "Москва", query: "190000" })).toEqual([]);
    expect(post.requests.every((request) => /^\/postoffice\/1\.0\/\d{6}$/.test(request.path))).toBe(true);
  });

  it("reads at most 30 offices per search, a few at a time", async () => {
    const post = await fakeRussianPost();
    let inFlight = 0;
    let most = 0;
    post.override = (request, response) => {
      const url = new URL(request.path, "http://fake");
      if (url.pathname === "/postoffice/1.0/settlement.offices.codes") {
        json(response, 200, Array.from({ length: 80 }, (_, i) => String(101000 + i)));
        return true;
      }
      const index = /(\d{6})$/.exec(url.pathname)?.[1];
      if (index) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          json(response, 200, { "postal-code": index, settlement: "Москва", "address-source": `ул Тестовая, д ${index.slice(-2)}` });
        }, 5);
        return true;
      }
      return false;
    };
    const offices = await directoryFor(post).search({ carrier: "RUSSIAN_POST", city: "Москва", limit: 200 });
    expect(offices).toHaveLength(30);
    expect(most).toBeLessThanOrEqual(6);
  });

  it("reports refused credentials clearly", async () => {
    const post = await fakeRussianPost();
    const error = await failure(directoryFor(post, { accessToken: "wrong" }).find("RUSSIAN_POST", "101000"));
    expect(error.failure).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/Russian Post: GET \/postoffice\/1\.0\/\{index\} refused the credentials \(HTTP 401\)/);
    expect(error.message).toMatch(/RUSSIAN_POST_ACCESS_TOKEN/);
  });

  it("reports a server error", async () => {
    const post = await fakeRussianPost();
    post.override = (_request, response) => {
      json(response, 500, { code: "500", desc: "Internal Server Error" });
      return true;
    };
    const error = await failure(directoryFor(post).search({ carrier: "RUSSIAN_POST", city: "Москва" }));
    expect(error.failure).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/settlement\.offices\.codes answered HTTP 500: \{"code":"500","desc":"Internal Server Error"\}/);
  });

  it("reports an answer in an unexpected shape", async () => {
    const post = await fakeRussianPost();
    post.override = (request, response) => {
      if (!request.path.includes("by-address")) return false;
      json(response, 200, { "is-matched": true, postoffices: "125009" });
      return true;
    };
    const error = await failure(directoryFor(post).search({ carrier: "RUSSIAN_POST", city: "Москва", query: "Тверская" }));
    expect(error.failure).toBe("BAD_RESPONSE");
  });

  it("gives up on a lookup that does not answer in time", async () => {
    const post = await fakeRussianPost();
    post.override = (_request, response) => {
      setTimeout(() => json(response, 200, OFFICES["101000"]), 1_000);
      return true;
    };
    const error = await failure(directoryFor(post, { timeoutMs: 200 }).find("RUSSIAN_POST", "101000"));
    expect(error.failure).toBe("TIMEOUT");
  });

  it("switches on by its two credentials, for Russian Post only", async () => {
    expect(pickupPointDirectory("RUSSIAN_POST").name).toBe("bundled");
    const post = await fakeRussianPost();
    process.env.RUSSIAN_POST_ACCESS_TOKEN = "test-token";
    resetEnvCache();
    expect(pickupPointDirectory("RUSSIAN_POST").name).toBe("bundled");
    process.env.RUSSIAN_POST_LOGIN_KEY = LOGIN_KEY;
    process.env.RUSSIAN_POST_BASE_URL = post.url;
    resetEnvCache();
    expect(pickupPointDirectory("RUSSIAN_POST").name).toBe("russian-post");
    expect(pickupPointDirectory("CDEK").name).toBe("bundled");

    const offices = await searchPickupPoints({ carrier: "RUSSIAN_POST", city: "Москва", q: "Тверская" });
    expect(offices.map((office) => office.code)).toEqual(["125009"]);
  });

  it("turns a failure into a clear message for the shopper", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const post = await fakeRussianPost();
    post.override = (_request, response) => {
      json(response, 502, {});
      return true;
    };
    process.env.RUSSIAN_POST_ACCESS_TOKEN = "test-token";
    process.env.RUSSIAN_POST_LOGIN_KEY = LOGIN_KEY;
    process.env.RUSSIAN_POST_BASE_URL = post.url;
    resetEnvCache();
    const error = await searchPickupPoints({ carrier: "RUSSIAN_POST", city: "Москва" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "UNAVAILABLE", message: "Справочник пунктов выдачи Почты России сейчас не отвечает. Попробуйте ещё раз через минуту." });
  });
});

describe("Russian Post working hours", () => {
  it("groups days with equal hours and names days off", () => {
    expect(formatWorkingHours(week("08:00:00", "20:00:00"))).toBe("Пн-Вс 08:00-20:00");
    expect(formatWorkingHours([...week("8:00", "20:00", [1, 2, 3, 4, 5]), ...week("09:00", "18:00", [6])])).toBe(
      "Пн-Пт 08:00-20:00, Сб 09:00-18:00, Вс выходной",
    );
    expect(formatWorkingHours([...week("08:00", "20:00", [1, 3])])).toBe("Пн 08:00-20:00, Вт выходной, Ср 08:00-20:00, Чт-Вс выходной");
    expect(formatWorkingHours([])).toBeNull();
    expect(formatWorkingHours([{ "weekday-id": 9 }, "nonsense"])).toBeNull();
  });
});
