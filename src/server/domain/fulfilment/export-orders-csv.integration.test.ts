import { beforeEach, describe, expect, it, vi } from "vitest";
import { createPrize, createShopper, createStaff } from "../../../../tests/support/factories";
import { insertPrizeOrder, setOrderStatus } from "../../../../tests/support/orders";
import { actorOf } from "../../../../tests/support/requests";
import { GET } from "@/app/staff/orders/export/route";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { exportOrdersCsv } from "./export-orders-csv";

// The route handler asks the session who is signed in; tests say who.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

const T0 = new Date("2026-03-02T09:00:00Z");

beforeEach(() => {
  setClock(T0);
  session.actor = null;
});

async function approvedOrders() {
  const prize = await createPrize({ title: "Набор «Уход»; 3 средства", stock: 10 });
  const cdekFirst = await insertPrizeOrder(prize, {
    carrier: "CDEK",
    recipientName: 'Анна "Аня" Иванова',
    recipientPhone: "+79161234567",
    pickupPointCode: "MSK123",
    pickupPointAddress: "Москва, ул. Тверская, д. 1; вход со двора",
    shippingDueAt: new Date("2026-03-20T09:00:00Z"),
  });
  const cdekSecond = await insertPrizeOrder(prize, { carrier: "CDEK", recipientName: "=HYPERLINK(\"http://evil\")", shippingDueAt: new Date("2026-03-10T09:00:00Z") });
  const post = await insertPrizeOrder(prize, { carrier: "RUSSIAN_POST", pickupPointCode: "101000", pickupPointAddress: "Москва, Мясницкая ул., 26" });
  const notApproved = await insertPrizeOrder(prize, { carrier: "CDEK" });
  const shipped = await insertPrizeOrder(prize, { carrier: "CDEK" });
  for (const order of [cdekFirst, cdekSecond, post]) await setOrderStatus(order.id, "APPROVED");
  await setOrderStatus(shipped.id, "SHIPPED");
  return { cdekFirst, cdekSecond, post, notApproved, shipped };
}

describe("exporting orders to ship", () => {
  it("lists one carrier's approved orders, due first, as Excel-ready CSV with proper quoting", async () => {
    const actor = actorOf(await createStaff("STAFF"));
    const { cdekFirst, cdekSecond } = await approvedOrders();
    const { fileName, content, count } = await exportOrdersCsv(actor, { carrier: "CDEK" });

    expect(fileName).toBe("orders-cdek-2026-03-02.csv");
    expect(count).toBe(2);
    expect(content.startsWith("\uFEFF")).toBe(true);
    const lines = content.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1)).toEqual([
      "Номер заказа;Получатель;Телефон;Код ПВЗ;Адрес ПВЗ;Приз;Количество;Дата заказа;Отправить до",
      // A formula-looking name is neutralised, the quotes inside it doubled; so is the phone, which Excel
      // would otherwise take for a formula (+7…). Order number and quantity are numbers.
      `${cdekSecond.id};"'=HYPERLINK(""http://evil"")";'+79161234567;MSK123;"Москва, ул. Тверская, 1";"Набор «Уход»; 3 средства";1;02.03.2026;10.03.2026`,
      `${cdekFirst.id};"Анна ""Аня"" Иванова";'+79161234567;MSK123;"Москва, ул. Тверская, д. 1; вход со двора";"Набор «Уход»; 3 средства";1;02.03.2026;20.03.2026`,
    ]);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "orders.export" } })).toMatchObject({ actorId: actor.id, entityType: "OrderExport", entityId: "CDEK", data: { carrier: "CDEK", count: 2, orderIds: [cdekSecond.id, cdekFirst.id] } });
  });

  it("names the Russian Post columns as its upload does", async () => {
    const { post } = await approvedOrders();
    const { content } = await exportOrdersCsv(actorOf(await createStaff("ADMIN")), { carrier: "RUSSIAN_POST" });
    const [header, row] = content.slice(1).split("\r\n");
    expect(header).toBe("Номер заказа;Получатель;Телефон;Индекс;Адрес отделения;Приз;Количество;Дата заказа;Отправить до");
    expect(row).toContain(`${post.id};Анна Иванова;'+79161234567;101000;"Москва, Мясницкая ул., 26"`);
  });

  it("serves the file to brand staff and administrators only", async () => {
    await approvedOrders();
    const get = (query: string) => GET(new Request(`http://localhost/staff/orders/export${query}`));

    const signedOut = await get("?carrier=CDEK");
    expect(signedOut.status).toBe(401);
    for (const actor of [actorOf(await createShopper()), actorOf(await createStaff("MODERATOR"))]) {
      session.actor = actor;
      const response = await get("?carrier=CDEK");
      expect(response.status, actor.role).toBe(403);
      expect(await response.text()).not.toContain("Анна");
    }

    session.actor = actorOf(await createStaff("STAFF"));
    const bad = await get("?carrier=DHL");
    expect(bad.status).toBe(400); // a malformed query is a bad request
    expect(await bad.json()).toMatchObject({ ok: false, message: "Выберите службу доставки: СДЭК или Почта России." });

    const ok = await get("?carrier=CDEK");
    expect(ok.status).toBe(200);
    expect(Object.fromEntries(ok.headers)).toMatchObject({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="orders-cdek-2026-03-02.csv"',
      "cache-control": "private, no-store",
    });
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("Анна");
  });
});
