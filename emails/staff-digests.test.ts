import { describe, expect, it } from "vitest";
import { fulfilmentDigestSubject, renderFulfilmentDigestEmail } from "./fulfilment-digest";
import { moderationDigestSubject, renderModerationDigestEmail } from "./moderation-digest";

// 09:00 on 2 March 2026 in Moscow.
const at = new Date("2026-03-02T06:00:00Z");
const base = "https://portal.example";

describe("moderation digest email", () => {
  const items = [
    { id: 11, productName: "Шампунь <«Мягкий уход»>", dueAt: new Date("2026-02-27T12:30:00Z"), overdue: true, url: `${base}/moderation/requests/11` },
    { id: 12, productName: "Гель для душа", dueAt: new Date("2026-03-02T12:00:00Z"), overdue: false, url: `${base}/moderation/requests/12` },
  ];

  it("says in the subject how many are overdue and due today", () => {
    expect(moderationDigestSubject({ at, overdue: 3, dueToday: 24 })).toBe("Модерация на 02.03.2026: просрочено 3, срок сегодня 24");
  });

  it("lists the most urgent requests with links, marks the overdue ones and counts the rest", async () => {
    const email = await renderModerationDigestEmail({ at, overdue: 1, dueToday: 4, items, queueUrl: `${base}/moderation?tab=overdue`, areaUrl: `${base}/moderation` });
    expect(email.html).toContain('lang="ru"');
    expect(email.html).toContain(`href="${base}/moderation/requests/11"`);
    expect(email.html).toContain(`href="${base}/moderation?tab=overdue"`);
    expect(email.text).toContain("Сводка на 02.03.2026, 09:00 (мск): 5 заявок с истёкшим или сегодняшним сроком проверки.");
    expect(email.text).toMatch(/Заявка №11.*· срок 27\.02\.2026, 15:30 · просрочена/s);
    expect(email.text).toMatch(/Заявка №12.*· срок 02\.03\.2026, 15:00/s);
    expect(email.text).not.toMatch(/Заявка №12[^\n]*просрочена/);
    expect(email.text).toContain("И ещё 3 заявки — в очереди модерации.");
    // Product names are text, never markup; the footer says why a staff member gets this.
    expect(email.html).not.toContain("<«Мягкий уход»>");
    expect(email.html).toContain("&lt;«Мягкий уход»&gt;");
    expect(email.text).toContain("Вы получили это письмо как сотрудник программы Carely");
    expect(email.text).not.toContain("указали этот адрес для уведомлений");
  });

  it("shows no 'more' line when every request is listed", async () => {
    const email = await renderModerationDigestEmail({ at, overdue: 1, dueToday: 1, items, queueUrl: `${base}/moderation`, areaUrl: `${base}/moderation` });
    expect(email.text).not.toContain("И ещё");
  });
});

describe("fulfilment digest email", () => {
  const items = [
    {
      id: 31,
      prizeTitle: "Набор «Уход за лицом»",
      statusLabel: "Оформлен",
      processing: "overdue" as const,
      processingDueAt: new Date("2026-02-27T09:00:00Z"),
      shipping: "soon" as const,
      shippingDueAt: new Date("2026-03-03T05:00:00Z"),
      url: `${base}/staff/orders/31`,
    },
    {
      id: 32,
      prizeTitle: "Сертификат",
      statusLabel: "Оформлен",
      processing: "soon" as const,
      processingDueAt: new Date("2026-03-02T15:00:00Z"),
      shipping: null,
      shippingDueAt: null,
      url: `${base}/staff/orders/32`,
    },
  ];

  it("says in the subject how many orders are overdue and due within a day", () => {
    expect(fulfilmentDigestSubject({ at, orders: 5, overdueOrders: 2 })).toBe("Заказы призов на 02.03.2026: просрочено 2, срок в течение суток 3");
  });

  it("shows each deadline's figures and the most urgent orders with what is due when", async () => {
    const email = await renderFulfilmentDigestEmail({
      at,
      processingOverdue: 1,
      processingSoon: 1,
      shippingOverdue: 0,
      shippingSoon: 1,
      orders: 3,
      overdueOrders: 1,
      items,
      queueUrl: `${base}/staff/orders?tab=overdue`,
      areaUrl: `${base}/staff`,
    });
    expect(email.html).toContain(`href="${base}/staff/orders/31"`);
    expect(email.html).toContain(`href="${base}/staff/orders?tab=overdue"`);
    expect(email.text).toContain("3 заказа с истёкшим сроком или сроком в ближайшие сутки");
    expect(email.text).toMatch(/Заказ №31.*оформлен · обработать до 27\.02\.2026, 12:00 \(просрочено\) · отправить до 03\.03\.2026, 08:00/s);
    expect(email.text).toMatch(/Заказ №32.*обработать до 02\.03\.2026, 18:00/s);
    expect(email.text).toContain("И ещё 1 заказ — в очереди заказов.");
    expect(email.text).toContain("Вы получили это письмо как сотрудник программы Carely");
  });
});
