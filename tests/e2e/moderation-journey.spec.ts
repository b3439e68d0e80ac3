import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, signInShopper } from "./helpers";

const FIXTURES = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "fixtures");

const asModerator = (browser: Browser, run: (page: Page) => Promise<void>) => asStaffMember(browser, DEMO.moderator, /\/moderation$/, run);

test("file → approve review, reject receipt with a template → shopper re-sends → 600 points", async ({ page, browser }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/journey-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-05-wildberries.png"));
  await page.getByTestId("receipt-input").setInputFiles(path.join(FIXTURES, "receipts", "shot-023.jpg"));
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
  const requestId = Number(page.url().split("/").pop());

  await asModerator(browser, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await expect(moderator.getByTestId("claim-banner")).toContainText("закреплена за вами");
    await moderator.getByTestId("decision-review").getByRole("button", { name: /Одобрить/ }).click();
    await expect(moderator.getByTestId("decision-review")).toHaveCount(0);
    const receiptPanel = moderator.getByTestId("decision-receipt");
    await receiptPanel.getByRole("button", { name: "Чек не подтверждает покупку" }).click();
    await receiptPanel.getByRole("button", { name: /Отклонить/ }).click();
    // The last waiting part decided: the next request (or the queue) opens.
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });

  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("500");
  await page.goto(`/cabinet/requests/${requestId}`);
  await expect(page.getByTestId("request-status")).toHaveText("Одобрена частично");
  await expect(page.getByTestId("part-receipt").getByTestId("moderator-comment")).toContainText("QR-код чека не подтверждает реальную покупку");

  await page.getByTestId("resubmit-receipt-picker-input").setInputFiles(path.join(FIXTURES, "receipts", "shot-023.jpg"));
  await expect(page.getByTestId("resubmit-receipt-picker").locator('[data-status="done"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Отправить повторно" }).click();
  await expect(page.getByTestId("part-receipt")).toContainText("на проверке");

  await asModerator(browser, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await moderator.getByTestId("decision-receipt").getByRole("button", { name: /Одобрить/ }).click();
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });

  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("600");
  await expect(page.getByTestId("ledger")).toContainText("Чек одобрен");
  await expect(page.getByTestId("ledger")).toContainText("Отзыв одобрен");
});
