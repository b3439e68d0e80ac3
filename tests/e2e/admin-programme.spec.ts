import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, approvePart, asStaffMember, randomPhone, sendNewRequest, setReviewPoints, signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";

const ADMIN_HOME = /\/moderation$/;

// The administrator changes the programme's points and adjusts a shopper by hand. The other journeys
// expect 500 points for a review: the setting is put back after this file whatever happens in it.

/** A review-only request filed by the shopper and approved by a moderator: the real way to earn points. */
async function fileAndApproveReview(page: Page, browser: Browser): Promise<void> {
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/admin-journey-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());

  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await approvePart(moderator, "review");
    // The last decision opens the next request (or the queue).
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });
}

test.afterAll(async ({ browser }) => {
  await asStaffMember(browser, DEMO.admin, ADMIN_HOME, (admin) => setReviewPoints(admin, 500));
});

test("an administrator changes the review points to 700 and the next approval credits 700; a manual adjustment appears in the shopper's history and in the audit log", async ({ page, browser }) => {
  const reason = `Бонус за подробный отзыв (e2e ${Date.now()})`;

  await asStaffMember(browser, DEMO.admin, ADMIN_HOME, async (admin) => {
    await admin.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Администрирование" }).click();
    await admin.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Настройки", exact: true }).click();
    await expect(admin.getByRole("heading", { name: "Настройки программы", level: 1 })).toBeVisible();
    // A mistake is refused with a clear message and changes nothing.
    const form = admin.getByTestId("settings-form");
    await form.getByLabel("Баллы за отзыв", { exact: true }).fill("0");
    await form.getByRole("button", { name: "Сохранить настройки" }).click();
    // Said once, by the field it is about.
    await expect(form.getByTestId("field-error")).toHaveText("Баллы за отзыв — целое число от 1 до 100 000.");
    await expect(form.getByTestId("form-error")).toHaveCount(0);
    await setReviewPoints(admin, 700);
  });

  const phone = randomPhone();
  await signInShopper(page, phone);
  await fileAndApproveReview(page, browser);
  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("700");
  const ledger = page.getByTestId("ledger");
  await expect(ledger.locator("li").first()).toContainText("Отзыв одобрен");
  await expect(ledger.locator("li").first()).toContainText("+700");

  await asStaffMember(browser, DEMO.admin, ADMIN_HOME, async (admin) => {
    await admin.goto("/admin/points");
    // Found by the number as the shopper would write it.
    await admin.getByLabel("Телефон участника").fill(phone.typed);
    await admin.getByRole("button", { name: "Найти" }).click();
    await expect(admin.getByTestId("shopper-balance")).toHaveText("700");

    const form = admin.getByTestId("adjust-form");
    // A debit beyond the balance is refused.
    await form.getByLabel("Баллы", { exact: true }).fill("-701");
    await form.getByLabel("Причина для участника").fill("Проверка списания");
    await form.getByRole("button", { name: "Провести корректировку" }).click();
    await expect(form.getByTestId("form-error")).toContainText("Нельзя списать 701 балл: на счёте участника 700");

    await form.getByLabel("Баллы", { exact: true }).fill("+50");
    await form.getByLabel("Причина для участника").fill(reason);
    await form.getByRole("button", { name: "Провести корректировку" }).click();
    await expect(form.getByTestId("form-success")).toContainText("на счёте теперь 750");
    await expect(admin.getByTestId("shopper-balance")).toHaveText("750");
    await expect(admin.getByTestId("shopper-ledger").locator("li").first()).toContainText(reason);
  });

  await page.reload();
  await expect(page.getByTestId("balance")).toContainText("750");
  await expect(ledger.locator("li").first()).toContainText("Корректировка");
  await expect(ledger.locator("li").first()).toContainText(reason);
  await expect(ledger.locator("li").first()).toContainText("+50");

  await asStaffMember(browser, DEMO.admin, ADMIN_HOME, async (admin) => {
    await admin.goto("/admin/audit");
    await expect(admin.getByRole("heading", { name: "Журнал действий", level: 1 })).toBeVisible();
    const filters = admin.getByTestId("audit-filters");
    await filters.getByLabel("Действие").selectOption("points.adjust");
    await filters.getByRole("button", { name: "Показать" }).click();
    await expect(admin).toHaveURL(/action=points\.adjust/);
    const adjustment = admin.getByTestId("audit-entry").first();
    await expect(adjustment).toContainText("Корректировка баллов");
    await expect(adjustment).toContainText(reason);
    await expect(adjustment).toContainText("+50");
    await expect(adjustment).toContainText("750");
    await expect(admin.getByTestId("audit-entry").filter({ hasText: "Проверка списания" })).toHaveCount(0);

    await filters.getByLabel("Действие").selectOption("programme-settings.update");
    await filters.getByRole("button", { name: "Показать" }).click();
    await expect(admin).toHaveURL(/action=programme-settings\.update/);
    const settingsChange = admin.getByTestId("audit-entry").first();
    await expect(settingsChange).toContainText("Настройки программы изменены");
    await expect(settingsChange).toContainText("Баллы за отзыв");
    await expect(settingsChange).toContainText("500 → 700");
  });
});
