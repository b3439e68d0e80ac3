import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, approvePart, asStaffMember, sendNewRequest, signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { LAYOUT_WIDTHS, expectFitsAt } from "./support/page-checks";


// A fiscal receipt earns points once portal-wide: each attempt of a journey (CI retries once) credits its own.
const RECEIPTS = ["shot-043.jpg", "shot-047.png"];
/** The staff area itself, not /login/staff. */
const STAFF_HOME = /:\d+\/staff$/;
const ADMIN_HOME = /\/moderation$/;

/** Earns points the real way: a request filed by the shopper, every part approved by a moderator. */
async function earnPoints(page: Page, browser: Browser, receipt: string | null): Promise<void> {
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 2 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/prize-journey-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  if (receipt) {
    await page.getByTestId("receipt-input").setInputFiles(path.join(FIXTURES, "receipts", receipt));
    await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  }
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());

  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    if (receipt) {
      await approvePart(moderator, "receipt");
      await expect(moderator.getByTestId("decision-receipt")).toHaveCount(0);
    }
    await approvePart(moderator, "review");
    // The last decision opens the next request (or the queue).
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });
}

test("a shopper with 600 points orders a 500-point prize to a CDEK point; staff approve and ship it; the shopper sees the tracking link and 100 points", async ({ page, browser }, testInfo) => {
  await signInShopper(page);
  await earnPoints(page, browser, RECEIPTS[testInfo.retry % RECEIPTS.length]!);
  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("600");

  await page.goto("/cabinet/prizes");
  await page.getByTestId("prize-card").filter({ hasText: "Косметичка Carely" }).click();
  await expect(page.getByTestId("order-form")).toBeVisible();
  await page.getByLabel("Имя и фамилия получателя").fill("Анна Петрова");
  // The carrier is chosen by tapping its label (the radio itself is visually hidden).
  await page.locator("label", { has: page.getByTestId("carrier-cdek") }).click();
  await page.getByTestId("pickup-point-city").fill("Москва");
  await page.getByTestId("pickup-point-search").fill("Тверская");
  const option = page.getByTestId("pickup-point-option").first();
  await expect(option).toBeVisible();
  const pointCode = await option.getAttribute("data-code");
  await option.click();
  await expect(page.getByTestId("pickup-point-chosen")).toBeVisible();
  // 500 of 600 points is more than half: the form asks once more, and "not yet" places nothing.
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("spend-confirmation")).toContainText("останется 100");
  await page.getByRole("button", { name: "Подумаю ещё" }).click();
  await expect(page.getByTestId("spend-confirmation")).toHaveCount(0);
  await expect(page).toHaveURL(/\/cabinet\/prizes\/\d+$/);
  await page.getByTestId("place-order").click();
  await page.getByTestId("confirm-spend").click();

  await expect(page).toHaveURL(/\/cabinet\/orders\/\d+/);
  await expect(page.getByTestId("order-placed")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "NEW");
  await expect(page.getByTestId("pickup-point")).toContainText(pointCode!);
  const orderId = Number(new URL(page.url()).pathname.split("/").pop());
  // The order's own page is on the layout check's list of pages: here is where an order exists.
  await expectFitsAt(page, LAYOUT_WIDTHS, "the shopper's order page");
  await page.setViewportSize({ width: 390, height: 844 });

  await asStaffMember(browser, DEMO.staff, STAFF_HOME, async (staff) => {
    await staff.goto(`/staff/orders/${orderId}`);
    await expectFitsAt(staff, [...LAYOUT_WIDTHS, 1920], "the staff's order page");
    await staff.getByTestId("approve-order").click();
    // A malformed number is refused with a message; the right one ships the order.
    await staff.getByTestId("tracking-input").fill("RA123456785RU");
    await staff.getByTestId("ship-order").click();
    await expect(staff.getByTestId("field-error")).toBeVisible();
    await staff.getByTestId("tracking-input").fill("1108563212");
    await staff.getByTestId("ship-order").click();
    await expect(staff.getByTestId("ship-form")).toHaveCount(0);
  });

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "SHIPPED");
  await expect(page.getByTestId("tracking-number")).toContainText("1108563212");
  await expect(page.getByTestId("tracking-link")).toHaveAttribute("href", "https://www.cdek.ru/ru/tracking?order_id=1108563212");
  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("100");
  // The newest notification (shipped) opens its order.
  await page.getByTestId("notification").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/cabinet/orders/${orderId}$`));

  // The audit log tells the shipment in words: no field codes or carrier codes.
  await asStaffMember(browser, DEMO.admin, ADMIN_HOME, async (admin) => {
    // Staff work at a desk: the log at desktop width.
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto(`/admin/audit?entityType=PrizeOrder&entityId=${orderId}`);
    const shipped = admin.getByTestId("audit-entry").filter({ hasText: "Заказ отправлен" });
    await expect(shipped.getByTestId("audit-data")).toContainText("Служба доставки");
    await expect(shipped.getByTestId("audit-data")).toContainText("СДЭК");
    await expect(shipped.getByTestId("audit-data")).toContainText("Трек-номер");
    await expect(admin.getByTestId("audit-entry").filter({ hasText: "Заказ подтверждён" }).getByTestId("audit-data")).toContainText("Физический");
    const words = await admin.getByTestId("audit-entries").innerText();
    expect(words).not.toMatch(/carrier|trackingNumber|PHYSICAL|RECEIPT|CDEK/);
    if (process.env.SCREENSHOTS_DIR) await admin.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/audit-log-order.png`, fullPage: true });
  });
});

test("a digital prize ordered and approved arrives in the outbox with its code", async ({ page, browser }) => {
  await signInShopper(page);
  await earnPoints(page, browser, null);
  const email = `prize-${Date.now()}@example.ru`;

  await page.goto("/cabinet/prizes");
  await page.getByTestId("prize-card").filter({ hasText: "Промокод −20%" }).click();
  await page.getByLabel("Email для кода").fill(email);
  await page.getByTestId("place-order").click();
  await page.getByTestId("confirm-spend").click();
  await expect(page).toHaveURL(/\/cabinet\/orders\/\d+/);
  await expect(page.getByTestId("delivery-email")).toContainText(email);
  const orderId = Number(new URL(page.url()).pathname.split("/").pop());

  await asStaffMember(browser, DEMO.staff, STAFF_HOME, async (staff) => {
    await staff.goto(`/staff/orders/${orderId}`);
    await staff.getByTestId("approve-order").click();
    await expect(staff.getByTestId("approve-order")).toHaveCount(0);
  });

  // Delivery runs after the staff member's response: give it a moment, as the shopper's inbox would.
  await expect(async () => {
    await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByTestId("outbox-text").first()).toContainText(/DEMO-[A-ZА-ЯЁ]{3}-\d{4}/, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.goto(`/cabinet/orders/${orderId}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "APPROVED");
});
