import { describe, expect, it } from "vitest";
import { orderStatusSubject, renderOrderStatusEmail } from "./order-status-changed";

const base = { orderId: 77, prizeTitle: "Набор «Уход»", orderUrl: "https://portal.example/cabinet/orders/77", cabinetUrl: "https://portal.example/cabinet" };

describe("order status emails", () => {
  it("delivers a digital prize's code with how to use it, to the address given at ordering", async () => {
    const email = await renderOrderStatusEmail({
      ...base,
      prizeTitle: "Подписка на 3 месяца",
      status: "APPROVED",
      kind: "DIGITAL",
      code: "KINO-7F3K-92QX",
      partnerName: "Кинопоиск",
      howToUse: "Откройте kinopoisk.ru/promo.\nВведите код.",
      addressSource: "order",
    });
    expect(email.subject).toBe("Ваш код: «Подписка на 3 месяца» (заказ №77)");
    expect(email.text).toContain("KINO-7F3K-92QX");
    expect(email.html).toContain("KINO-7F3K-92QX");
    expect(email.text).toContain("Откройте kinopoisk.ru/promo.\nВведите код.");
    expect(email.text).toContain("указали этот адрес при заказе приза");
    expect(email.html).toContain('href="https://portal.example/cabinet/orders/77"');
  });

  it("falls back to general instructions when the prize has no description", async () => {
    const email = await renderOrderStatusEmail({ ...base, status: "APPROVED", kind: "DIGITAL", code: "ABCDEF-1", partnerName: "Ozon", howToUse: null, addressSource: "order" });
    expect(email.text).toContain("Введите код на сайте или в приложении Ozon");
  });

  it("tells a physical order's approval with the shipping due date", async () => {
    const email = await renderOrderStatusEmail({ ...base, status: "APPROVED", kind: "PHYSICAL", shippingDueAt: new Date("2026-04-01T09:00:00Z"), addressSource: "contact" });
    expect(email.subject).toBe("Заказ №77 подтверждён: «Набор «Уход»»");
    expect(email.text).toContain("отправим не позже 01.04.2026");
    expect(email.text).toContain("для уведомлений в личном кабинете");
  });

  it("gives the tracking number with the carrier's tracking page", async () => {
    const email = await renderOrderStatusEmail({
      ...base,
      status: "SHIPPED",
      carrier: "RUSSIAN_POST",
      trackingNumber: "AA123456785RU",
      trackingUrl: "https://www.pochta.ru/tracking?barcode=AA123456785RU",
      pickupPointAddress: "101000, Москва, Мясницкая ул., 26",
      addressSource: "contact",
    });
    expect(email.subject).toBe("Заказ №77 отправлен: трек-номер AA123456785RU");
    expect(email.html).toContain('href="https://www.pochta.ru/tracking?barcode=AA123456785RU"');
    expect(email.text).toContain("Почта России");
    expect(email.text).toContain("101000, Москва, Мясницкая ул., 26");
  });

  it("explains a cancellation with the reason (escaped) and the points refunded", async () => {
    const email = await renderOrderStatusEmail({ ...base, status: "CANCELLED", reason: "<b>Нет</b> на складе", pointsRefunded: 1500, addressSource: "contact" });
    expect(email.subject).toBe("Заказ №77 отменён, баллы возвращены");
    expect(email.html).not.toContain("<b>Нет</b>");
    expect(email.html).toContain("&lt;b&gt;Нет&lt;/b&gt; на складе");
    expect(email.text).toContain("+1\u00a0500 баллов");
  });

  it("announces delivery", () => {
    expect(orderStatusSubject({ ...base, status: "DELIVERED" })).toBe("Заказ №77 доставлен");
  });
});
