import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/server/errors";

// The session needs a Next.js request; here the signed-in actor is scripted instead.
const session = vi.hoisted(() => ({ requireActorRole: vi.fn() }));
vi.mock("@/server/auth/session", () => ({
  AREA_ROLES: { cabinet: ["CUSTOMER"] },
  requireActorRole: session.requireActorRole,
}));

const { GET } = await import("./route");

function get(query: string) {
  return GET(new Request(`http://localhost/api/pickup-points?${query}`));
}

beforeEach(() => {
  session.requireActorRole.mockReset();
  session.requireActorRole.mockResolvedValue({ id: 1, role: "CUSTOMER", phone: "+79000000001", email: null, name: null });
});

describe("GET /api/pickup-points", () => {
  it("answers the city's points for a signed-in shopper", async () => {
    const response = await get(`carrier=CDEK&city=${encodeURIComponent("г. Казань")}&q=${encodeURIComponent("ул. Баумана")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { ok: boolean; data: { carrier: string; city: string; address: string }[] };
    expect(body.ok).toBe(true);
    expect(body.data.length).toBeGreaterThan(0);
    for (const point of body.data) expect(point).toMatchObject({ carrier: "CDEK", city: "Казань", address: expect.stringContaining("Баумана") });
    expect(session.requireActorRole).toHaveBeenCalledWith(["CUSTOMER"]);
  });

  it("answers 400 with the reason for a malformed query", async () => {
    const noCity = await get("carrier=CDEK");
    expect(noCity.status).toBe(400);
    expect(await noCity.json()).toMatchObject({ ok: false, code: "VALIDATION", message: "Укажите город.", fieldErrors: { city: "Укажите город." } });

    const badCarrier = await get("carrier=DHL&city=Москва");
    expect(badCarrier.status).toBe(400);
    expect(await badCarrier.json()).toMatchObject({ fieldErrors: { carrier: "Выберите службу доставки: СДЭК или Почта России." } });
  });

  it("answers an empty list for a city without points", async () => {
    const response = await get(`carrier=RUSSIAN_POST&city=${encodeURIComponent("Нигдеград")}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: [] });
  });

  it("refuses strangers and staff", async () => {
    session.requireActorRole.mockRejectedValueOnce(new AppError("UNAUTHENTICATED", "Войдите, чтобы продолжить."));
    expect((await get("carrier=CDEK&city=Москва")).status).toBe(401);
    session.requireActorRole.mockRejectedValueOnce(new AppError("FORBIDDEN", "Недостаточно прав для этого действия."));
    const forbidden = await get("carrier=CDEK&city=Москва");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
