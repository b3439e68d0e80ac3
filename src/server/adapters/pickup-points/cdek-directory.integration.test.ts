import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type RecordedRequest, json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { rejectionOf } from "../../../../tests/support/rejection";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { resetEnvCache } from "@/server/config/env";
import { searchPickupPoints } from "@/server/domain/pickup-points/search-pickup-points";
import { AppError } from "@/server/errors";
import { CdekPickupPointDirectory } from "./cdek-directory";
import { pickupPointDirectory } from "./index";
import { PickupPointLookupError } from "./pickup-point-lookup-error";

// A fake CDEK API v2 on 127.0.0.1 answering in the real API's shapes: POST /v2/oauth/token (form fields),
// GET /v2/location/cities, GET /v2/deliverypoints (by city_code or code), all but the token with a bearer token.

const ENV_NAMES = ["CDEK_CLIENT_ID", "CDEK_CLIENT_SECRET", "CDEK_BASE_URL", "RUSSIAN_POST_ACCESS_TOKEN", "RUSSIAN_POST_LOGIN_KEY"] as const;
restoreEnvAfterEach(ENV_NAMES);
const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

const MOSCOW_POINTS = [
  {
    code: "MSK27",
    name: "Чертановская",
    uuid: "841abd2c-ddb5-44e5-8ecf-3bddc98d582b",
    work_time: "Пн-Пт 10:00-20:00, Сб-Вс 10:00-18:00",
    type: "PVZ",
    owner_code: "CDEK",
    is_handout: true,
    is_reception: true,
    location: {
      country_code: "RU",
      region_code: 81,
      region: "Москва",
      city_code: 44,
      city: "Москва",
      postal_code: "117556",
      longitude: 37.607,
      latitude: 55.6401,
      address: "Балаклавский пр-т, 5",
      address_full: "117556, Россия, Москва, Москва, Балаклавский пр-т, 5",
    },
  },
  {
    code: "MSK2181",
    name: "На Тверской",
    work_time: "Пн-Вс 09:00-21:00",
    type: "PVZ",
    is_handout: true,
    location: { city_code: 44, city: "Москва", postal_code: "125009", longitude: 37.6105, latitude: 55.7617, address: "ул. Тверская, 7", address_full: "Россия, Москва, ул. Тверская, 7" },
  },
  {
    code: "MSK900",
    name: "Только приём",
    work_time: "Пн-Пт 10:00-19:00",
    type: "PVZ",
    is_handout: false,
    location: { city_code: 44, city: "Москва", address: "ул. Тверская, 20", latitude: 55.76, longitude: 37.6 },
  },
  {
    code: "MSK315",
    name: "Новый Арбат",
    type: "PVZ",
    is_handout: true,
    location: { city_code: 44, city: "Москва", address_full: "Россия, Москва, ул. Новый Арбат, 15", latitude: "55.752", longitude: "37.589" },
  },
];

interface FakeCdek {
  url: string;
  requests: RecordedRequest[];
  tokensIssued: number;
  /** Overrides an endpoint's answer: return true when handled. */
  override?: (request: RecordedRequest, response: ServerResponse) => boolean;
  /** Tokens the fake no longer accepts. */
  revoked: Set<string>;
}

async function fakeCdek(options: { expiresIn?: number } = {}): Promise<FakeCdek> {
  const state: FakeCdek = { url: "", requests: [], tokensIssued: 0, revoked: new Set() };
  const server = await startFakeHttpServer((request, response) => {
    if (state.override?.(request, response)) return;
    const url = new URL(request.path, "http://fake");
    if (request.method === "POST" && url.pathname === "/v2/oauth/token") {
      const form = new URLSearchParams(request.body);
      if (form.get("grant_type") !== "client_credentials" || form.get("client_id") !== "test-client" || form.get("client_secret") !== "test-secret") {
        return json(response, 401, { error: "invalid_client", error_description: "Bad client credentials" });
      }
      state.tokensIssued += 1;
      return json(response, 200, {
        access_token: `token-${state.tokensIssued}`,
        token_type: "bearer",
        expires_in: options.expiresIn ?? 3599,
        scope: "order:all payment:all",
        jti: `jti-${state.tokensIssued}`,
      });
    }
    const token = request.headers.authorization?.replace(/^Bearer /, "");
    if (!token?.startsWith("token-") || state.revoked.has(token)) {
      return json(response, 401, { requests: [{ errors: [{ code: "v2_token_expired", message: "Token expired" }] }] });
    }
    if (request.method === "GET" && url.pathname === "/v2/location/cities") {
      const city = url.searchParams.get("city");
      if (city === "Москва") {
        return json(response, 200, [
          { code: 44, city_uuid: "7e50cd3e-2b4c-4b1c-9e45-5d5b4c1e2f6a", city: "Москва", country_code: "RU", country: "Россия", region: "Москва", region_code: 81, longitude: 37.6173, latitude: 55.7558, time_zone: "Europe/Moscow" },
        ]);
      }
      return json(response, 200, []);
    }
    if (request.method === "GET" && url.pathname === "/v2/deliverypoints") {
      const code = url.searchParams.get("code");
      if (code) return json(response, 200, MOSCOW_POINTS.filter((point) => point.code === code));
      if (url.searchParams.get("city_code") === "44") return json(response, 200, MOSCOW_POINTS);
      return json(response, 200, []);
    }
    json(response, 404, { errors: [{ code: "v2_not_found", message: "Not found" }] });
  });
  servers.push(server);
  state.url = server.url;
  state.requests = server.requests;
  return state;
}

function directoryFor(cdek: FakeCdek, extra: Partial<ConstructorParameters<typeof CdekPickupPointDirectory>[0]> = {}) {
  return new CdekPickupPointDirectory({ clientId: "test-client", clientSecret: "test-secret", baseUrl: cdek.url, ...extra });
}

function paths(cdek: FakeCdek): string[] {
  return cdek.requests.map((request) => `${request.method} ${request.path}`);
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, PickupPointLookupError);

describe("CDEK API v2 pickup-point directory", () => {
  it("gets a token with the client credentials as form fields and reuses it", async () => {
    const cdek = await fakeCdek();
    const directory = directoryFor(cdek);
    await directory.search({ carrier: "CDEK", city: "Москва" });
    await directory.find("CDEK", "MSK27");
    await directory.find("CDEK", "MSK2181");

    expect(cdek.tokensIssued).toBe(1);
    const [tokenRequest, ...apiRequests] = cdek.requests;
    expect(tokenRequest?.method).toBe("POST");
    expect(tokenRequest?.path).toBe("/v2/oauth/token");
    expect(tokenRequest?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "test-client",
      client_secret: "test-secret",
    });
    expect(apiRequests.length).toBeGreaterThan(0);
    for (const request of apiRequests) expect(request.headers.authorization).toBe("Bearer token-1");
  });

  it("asks for a new token shortly before the old one expires", async () => {
    const cdek = await fakeCdek({ expiresIn: 3600 });
    let clock = Date.parse("2026-11-27T10:00:00Z");
    const directory = directoryFor(cdek, { now: () => clock });
    await directory.find("CDEK", "MSK27");
    clock += 58 * 60 * 1000;
    await directory.find("CDEK", "MSK27");
    expect(cdek.tokensIssued).toBe(1);
    clock += 90 * 1000; // within the last minute of the hour
    await directory.find("CDEK", "MSK27");
    expect(cdek.tokensIssued).toBe(2);
    expect(cdek.requests.at(-1)?.headers.authorization).toBe("Bearer token-2");
  });

  it("shares one token request between searches arriving together", async () => {
    const cdek = await fakeCdek();
    const directory = directoryFor(cdek);
    await Promise.all([directory.find("CDEK", "MSK27"), directory.find("CDEK", "MSK2181"), directory.find("CDEK", "MSK315")]);
    expect(cdek.tokensIssued).toBe(1);
  });

  it("gets a fresh token once when CDEK stops accepting the cached one", async () => {
    const cdek = await fakeCdek();
    const directory = directoryFor(cdek);
    await directory.find("CDEK", "MSK27");
    cdek.revoked.add("token-1");
    await expect(directory.find("CDEK", "MSK27")).resolves.toMatchObject({ code: "MSK27" });
    expect(cdek.tokensIssued).toBe(2);
  });

  it("maps a city's points: the city's code first, hand-out points only, address, hours, index, coordinates", async () => {
    const cdek = await fakeCdek();
    const points = await directoryFor(cdek).search({ carrier: "CDEK", city: "г. Москва" });

    const cities = cdek.requests.find((request) => request.path.startsWith("/v2/location/cities"))!;
    const citiesUrl = new URL(cities.path, "http://fake");
    expect(citiesUrl.searchParams.get("city")).toBe("Москва");
    expect(citiesUrl.searchParams.get("country_codes")).toBe("RU");
    const list = cdek.requests.find((request) => request.path.startsWith("/v2/deliverypoints"))!;
    const listUrl = new URL(list.path, "http://fake");
    expect(listUrl.searchParams.get("city_code")).toBe("44");
    expect(listUrl.searchParams.get("type")).toBe("PVZ");

    expect(points.map((point) => point.code).sort()).toEqual(["MSK2181", "MSK27", "MSK315"]);
    expect(points.find((point) => point.code === "MSK27")).toEqual({
      carrier: "CDEK",
      code: "MSK27",
      name: "Чертановская",
      city: "Москва",
      address: "Балаклавский пр-т, 5",
      postalCode: "117556",
      workHours: "Пн-Пт 10:00-20:00, Сб-Вс 10:00-18:00",
      latitude: 55.6401,
      longitude: 37.607,
    });
    // No short address: the full one; coordinates given as strings still count; no hours: null.
    expect(points.find((point) => point.code === "MSK315")).toMatchObject({
      address: "Россия, Москва, ул. Новый Арбат, 15",
      latitude: 55.752,
      longitude: 37.589,
      workHours: null,
      postalCode: null,
    });
  });

  it("narrows by street words and code in memory, fetching a city's points once", async () => {
    const cdek = await fakeCdek();
    const directory = directoryFor(cdek);
    expect((await directory.search({ carrier: "CDEK", city: "Москва", query: "ул. Тверская" })).map((point) => point.code)).toEqual(["MSK2181"]);
    expect((await directory.search({ carrier: "CDEK", city: "москва", query: "балаклавский 5" })).map((point) => point.code)).toEqual(["MSK27"]);
    expect((await directory.search({ carrier: "CDEK", city: "Москва", query: "msk315" }))[0]?.code).toBe("MSK315");
    expect(await directory.search({ carrier: "CDEK", city: "Москва", limit: 2 })).toHaveLength(2);
    expect(paths(cdek).filter((path) => path.includes("/v2/deliverypoints"))).toHaveLength(1);
    expect(paths(cdek).filter((path) => path.includes("/v2/location/cities"))).toHaveLength(1);
  });

  it("answers an unknown city with no points and no list request", async () => {
    const cdek = await fakeCdek();
    expect(await directoryFor(cdek).search({ carrier: "CDEK", city: "Нигдеград" })).toEqual([]);
    expect(paths(cdek).some((path) => path.includes("/v2/deliverypoints"))).toBe(false);
  });

  it("finds one point by code, and null for a code CDEK does not have", async () => {
    const cdek = await fakeCdek();
    const directory = directoryFor(cdek);
    await expect(directory.find("CDEK", " msk2181 ")).resolves.toMatchObject({ code: "MSK2181", address: "ул. Тверская, 7", city: "Москва" });
    expect(cdek.requests.at(-1)?.path).toBe("/v2/deliverypoints?code=MSK2181");
    await expect(directory.find("CDEK", "MSK404")).resolves.toBeNull();
    // A reception-only point is no place to collect a parcel.
    await expect(directory.find("CDEK", "MSK900")).resolves.toBeNull();
    // Not a code at all, or another carrier: no request.
    const before = cdek.requests.length;
    await expect(directory.find("CDEK", "пункт у дома")).resolves.toBeNull();
    await expect(directory.find("RUSSIAN_POST", "101000")).resolves.toBeNull();
    expect(cdek.requests.length).toBe(before);
  });

  it("reports refused credentials clearly", async () => {
    const cdek = await fakeCdek();
    const error = await failure(directoryFor(cdek, { clientSecret: "wrong" }).search({ carrier: "CDEK", city: "Москва" }));
    expect(error.failure).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/CDEK: POST \/v2\/oauth\/token refused the client credentials \(HTTP 401\): invalid_client: Bad client credentials/);
    expect(error.message).toMatch(/CDEK_CLIENT_ID/);
  });

  it("reports a token CDEK keeps refusing", async () => {
    const cdek = await fakeCdek();
    cdek.override = (request, response) => {
      if (request.path.startsWith("/v2/deliverypoints")) {
        json(response, 401, { requests: [{ errors: [{ code: "v2_token_expired", message: "Token expired" }] }] });
        return true;
      }
      return false;
    };
    const error = await failure(directoryFor(cdek).find("CDEK", "MSK27"));
    expect(error.failure).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/HTTP 401\): v2_token_expired Token expired/);
    expect(cdek.tokensIssued).toBe(2);
  });

  it("reports a server error with CDEK's explanation", async () => {
    const cdek = await fakeCdek();
    cdek.override = (request, response) => {
      if (request.path.startsWith("/v2/deliverypoints")) {
        json(response, 500, { errors: [{ code: "v2_internal_error", message: "Internal error" }] });
        return true;
      }
      return false;
    };
    const error = await failure(directoryFor(cdek).search({ carrier: "CDEK", city: "Москва" }));
    expect(error.failure).toBe("UNAVAILABLE");
    expect(error.message).toBe("CDEK: GET /v2/deliverypoints answered HTTP 500: v2_internal_error Internal error");
  });

  it("does not keep a failed list: the next search asks again", async () => {
    const cdek = await fakeCdek();
    let fail = true;
    cdek.override = (request, response) => {
      if (fail && request.path.startsWith("/v2/deliverypoints")) {
        json(response, 502, {});
        return true;
      }
      return false;
    };
    const directory = directoryFor(cdek);
    await failure(directory.search({ carrier: "CDEK", city: "Москва" }));
    fail = false;
    await expect(directory.search({ carrier: "CDEK", city: "Москва" })).resolves.toHaveLength(3);
  });

  it("reports an answer that is not JSON", async () => {
    const cdek = await fakeCdek();
    cdek.override = (request, response) => {
      if (request.path.startsWith("/v2/location/cities")) {
        response.writeHead(200, { "content-type": "text/html" });
        response.end("<html>maintenance</html>");
        return true;
      }
      return false;
    };
    const error = await failure(directoryFor(cdek).search({ carrier: "CDEK", city: "Москва" }));
    expect(error.failure).toBe("BAD_RESPONSE");
    expect(error.message).toMatch(/not JSON: <html>maintenance<\/html>/);
  });

  it("gives up on a CDEK that does not answer in time", async () => {
    const cdek = await fakeCdek();
    cdek.override = (request, response) => {
      if (request.path.startsWith("/v2/deliverypoints")) {
        setTimeout(() => json(response, 200, []), 1_000);
        return true;
      }
      return false;
    };
    const started = Date.now();
    const error = await failure(directoryFor(cdek, { timeoutMs: 200 }).find("CDEK", "MSK27"));
    expect(error.failure).toBe("TIMEOUT");
    expect(error.message).toMatch(/no answer to GET \/v2\/deliverypoints within 1 s/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("switches on by CDEK_CLIENT_ID and CDEK_CLIENT_SECRET, for CDEK only", async () => {
    expect(pickupPointDirectory("CDEK").name).toBe("bundled");
    const cdek = await fakeCdek();
    process.env.CDEK_CLIENT_ID = "test-client";
    resetEnvCache();
    expect(pickupPointDirectory("CDEK").name).toBe("bundled");
    process.env.CDEK_CLIENT_SECRET = "test-secret";
    process.env.CDEK_BASE_URL = cdek.url;
    resetEnvCache();
    expect(pickupPointDirectory("CDEK").name).toBe("cdek");
    expect(pickupPointDirectory("CDEK")).toBe(pickupPointDirectory("CDEK"));
    expect(pickupPointDirectory("RUSSIAN_POST").name).toBe("bundled");

    const points = await searchPickupPoints({ carrier: "CDEK", city: "Москва", q: "Тверская" });
    expect(points.map((point) => point.code)).toEqual(["MSK2181"]);
  });

  it("turns a CDEK failure into a clear message for the shopper", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const cdek = await fakeCdek();
    cdek.override = (request, response) => {
      json(response, 503, {});
      return request.path !== "";
    };
    process.env.CDEK_CLIENT_ID = "test-client";
    process.env.CDEK_CLIENT_SECRET = "test-secret";
    process.env.CDEK_BASE_URL = cdek.url;
    resetEnvCache();
    const error = await searchPickupPoints({ carrier: "CDEK", city: "Москва" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "UNAVAILABLE", message: "Справочник пунктов выдачи СДЭК сейчас не отвечает. Попробуйте ещё раз через минуту." });
  });
});
