import { afterEach, describe, expect, it, vi } from "vitest";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import cdekPoints from "@/server/adapters/pickup-points/data/cdek-points.json";
import russianPostOffices from "@/server/adapters/pickup-points/data/russian-post-offices.json";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { resolvePickupPoint } from "./resolve-pickup-point";
import { searchPickupPoints, searchPickupPointsInput } from "./search-pickup-points";

const ENV_NAMES = ["CDEK_CLIENT_ID", "CDEK_CLIENT_SECRET", "CDEK_BASE_URL"] as const;
restoreEnvAfterEach(ENV_NAMES);
const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

const moscowPoint = cdekPoints.find((point) => point.city === "Москва")!;
const kazanOffice = russianPostOffices.find((office) => office.city === "Казань")!;

function resolve(carrier: "CDEK" | "RUSSIAN_POST", code: string) {
  return db.$transaction((tx) => resolvePickupPoint(tx, carrier, code));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("resolvePickupPoint", () => {
  it("saves a bundled CDEK point from the directory and returns it", async () => {
    const point = await resolve("CDEK", ` ${moscowPoint.code.toLowerCase()} `);
    expect(point).toEqual({ id: expect.any(Number), code: moscowPoint.code, name: moscowPoint.name, address: moscowPoint.address, city: "Москва" });
    const row = await db.pickupPoint.findUniqueOrThrow({ where: { id: point.id } });
    expect(row).toMatchObject({
      carrier: "CDEK",
      code: moscowPoint.code,
      postalCode: moscowPoint.postalCode,
      workHours: moscowPoint.workHours,
      latitude: moscowPoint.latitude,
      longitude: moscowPoint.longitude,
      isActive: true,
      source: "BUNDLED",
    });
    expect(Math.abs(row.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("saves a Russian Post office by its index", async () => {
    const office = await resolve("RUSSIAN_POST", kazanOffice.code);
    expect(office).toMatchObject({ code: kazanOffice.code, address: kazanOffice.address, city: "Казань" });
  });

  it("refreshes the saved row from the directory rather than keeping a stale copy", async () => {
    const first = await resolve("CDEK", moscowPoint.code);
    await db.pickupPoint.update({ where: { id: first.id }, data: { address: "старый адрес", name: "старое имя" } });
    const again = await resolve("CDEK", moscowPoint.code);
    expect(again.id).toBe(first.id);
    expect(again.address).toBe(moscowPoint.address);
    expect(await db.pickupPoint.count()).toBe(1);
  });

  it("refuses a code the carrier does not have, on the pickupPoint field", async () => {
    const error = await refusal(resolve("CDEK", "MSK999999"));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/^Такого пункта выдачи нет/);
    expect(error.fieldErrors?.pickupPoint).toBe(error.message);

    const index = await refusal(resolve("RUSSIAN_POST", "000001"));
    expect(index.message).toMatch(/^Такого пункта выдачи нет: у Почты России нет/);
    // Another carrier's code is unknown too.
    await refusal(resolve("RUSSIAN_POST", moscowPoint.code));
    await refusal(resolve("CDEK", kazanOffice.code));
    expect(await db.pickupPoint.count()).toBe(0);
  });

  it("explains that an office index is six digits", async () => {
    const error = await refusal(resolve("RUSSIAN_POST", "12345"));
    expect(error.message).toMatch(/шесть цифр/);
    expect(error.fieldErrors?.pickupPoint).toBeDefined();
    await refusal(resolve("CDEK", "   "));
  });

  it("keeps staff's switch: a point switched off is refused and stays off", async () => {
    const point = await resolve("CDEK", moscowPoint.code);
    await db.pickupPoint.update({ where: { id: point.id }, data: { isActive: false } });
    const error = await refusal(resolve("CDEK", moscowPoint.code));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/не принимает заказы/);
    expect(await db.pickupPoint.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({ isActive: false });
  });

  it("accepts a point staff entered by hand that the directory does not list", async () => {
    const manual = await db.pickupPoint.create({
      data: { carrier: "CDEK", code: "TVR5", name: "Тверь, Советская", city: "Тверь", address: "ул. Советская, 5", source: "MANUAL" },
    });
    await expect(resolve("CDEK", "tvr5")).resolves.toEqual({ id: manual.id, code: "TVR5", name: "Тверь, Советская", address: "ул. Советская, 5", city: "Тверь" });
    await db.pickupPoint.update({ where: { id: manual.id }, data: { isActive: false } });
    expect((await refusal(resolve("CDEK", "TVR5"))).message).toMatch(/не принимает заказы/);
  });

  it("looks the point up in the CDEK API when it is configured, marking the row's source", async () => {
    const server = await startFakeHttpServer((request, response) => {
      if (request.path === "/v2/oauth/token") return json(response, 200, { access_token: "t", token_type: "bearer", expires_in: 3599 });
      const code = new URL(request.path, "http://fake").searchParams.get("code");
      if (code === "MSK2181") {
        return json(response, 200, [
          { code: "MSK2181", name: "На Тверской", work_time: "Пн-Вс 09:00-21:00", type: "PVZ", is_handout: true, location: { city: "Москва", address: "ул. Тверская, 7", postal_code: "125009", latitude: 55.7617, longitude: 37.6105 } },
        ]);
      }
      json(response, 200, []);
    });
    servers.push(server);
    process.env.CDEK_CLIENT_ID = "id";
    process.env.CDEK_CLIENT_SECRET = "secret";
    process.env.CDEK_BASE_URL = server.url;
    resetEnvCache();

    const point = await resolve("CDEK", "MSK2181");
    expect(point).toMatchObject({ code: "MSK2181", name: "На Тверской", address: "ул. Тверская, 7", city: "Москва" });
    expect(await db.pickupPoint.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({ source: "CDEK_API", postalCode: "125009" });
    // A bundled code means nothing to the live API.
    expect((await refusal(resolve("CDEK", moscowPoint.code))).code).toBe("VALIDATION");
  });

  it("says the carrier is unavailable when its API fails", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const server = await startFakeHttpServer((_request, response) => json(response, 500, {}));
    servers.push(server);
    process.env.CDEK_CLIENT_ID = "id";
    process.env.CDEK_CLIENT_SECRET = "secret";
    process.env.CDEK_BASE_URL = server.url;
    resetEnvCache();
    const error = await refusal(resolve("CDEK", "MSK2181"));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/СДЭК сейчас не отвечает/);
  });
});

describe("searchPickupPoints", () => {
  it("validates its input with clear messages", () => {
    expect(searchPickupPointsInput.safeParse({ carrier: "DHL", city: "Москва" }).error?.issues[0]?.message).toBe("Выберите службу доставки: СДЭК или Почта России.");
    expect(searchPickupPointsInput.safeParse({ carrier: "CDEK", city: "  " }).error?.issues[0]?.message).toBe("Укажите город.");
    expect(searchPickupPointsInput.safeParse({ carrier: "CDEK" }).error?.issues[0]?.message).toBe("Укажите город.");
    expect(searchPickupPointsInput.safeParse({ carrier: "CDEK", city: "М".repeat(81) }).error?.issues[0]?.message).toMatch(/не больше 80/);
    expect(searchPickupPointsInput.safeParse({ carrier: "CDEK", city: "Москва", q: "x".repeat(101) }).success).toBe(false);
    expect(searchPickupPointsInput.parse({ carrier: "CDEK", city: " Москва ", q: " " })).toEqual({ carrier: "CDEK", city: "Москва", q: undefined });
  });

  it("searches the bundled directory and leaves out points staff switched off", async () => {
    const all = await searchPickupPoints({ carrier: "CDEK", city: "Москва" });
    expect(all).toHaveLength(50);
    const off = all[0]!;
    await db.pickupPoint.create({
      data: { carrier: "CDEK", code: off.code, name: off.name, city: off.city, address: off.address, isActive: false },
    });
    const after = await searchPickupPoints({ carrier: "CDEK", city: "Москва" });
    expect(after.map((point) => point.code)).not.toContain(off.code);
    expect(after).toHaveLength(49);
  });

  it("answers an unknown city with an empty list", async () => {
    await expect(searchPickupPoints({ carrier: "RUSSIAN_POST", city: "Нигдеград", q: "Ленина" })).resolves.toEqual([]);
  });
});
