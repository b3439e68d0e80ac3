import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, approvePart, asStaffMember, sendNewRequest, signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { holdReceiptChecks, releaseReceiptChecks } from "./support/receipt-check-fake";
import { screenshotIfAsked } from "./support/screenshots";


const asModerator = (browser: Browser, run: (page: Page) => Promise<void>) => asStaffMember(browser, DEMO.moderator, /\/moderation$/, run);

test("file → approve review, reject receipt with a template → shopper re-sends → 600 points", async ({ page, browser }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/journey-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-05-wildberries.png"));
  await page.getByTestId("receipt-input").setInputFiles(path.join(FIXTURES, "receipts", "shot-023.jpg"));
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());

  await asModerator(browser, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await expect(moderator.getByTestId("claim-banner")).toContainText("закреплена за вами");

    // npm start's job worker checks the receipt online after filing (the fake proverkacheka.com confirms
    // it); the page shows the answer once it is in, and a moderator may ask again.
    const check = moderator.getByTestId("moderation-part-receipt").getByTestId("receipt-check");
    await expect(check).toContainText("Проверка чека: подтверждён сервисом", { timeout: 30_000 });
    await expect(check).toContainText("ИНН 7701234567");
    await holdReceiptChecks();
    try {
      await check.getByRole("button", { name: "Проверить снова" }).click();
      // Queued: "проверяется" while the service has not answered, and no second re-check meanwhile.
      await expect(check).toContainText("Проверка чека: проверяется");
      await expect(check.getByRole("button", { name: "Проверить снова" })).toHaveCount(0);
      await screenshotIfAsked(moderator, "moderation-receipt-checking");
    } finally {
      await releaseReceiptChecks();
    }
    // The page re-reads itself while checking: the answer appears without a reload.
    await expect(check).toContainText("Проверка чека: подтверждён сервисом", { timeout: 20_000 });
    await expect(check.getByRole("button", { name: "Проверить снова" })).toBeVisible();
    await screenshotIfAsked(moderator, "moderation-receipt-confirmed");

    await approvePart(moderator, "review");
    await expect(moderator.getByTestId("decision-review")).toHaveCount(0);
    const receiptPanel = moderator.getByTestId("decision-receipt");
    await receiptPanel.getByRole("button", { name: "Чек не подтверждает покупку" }).click();
    await receiptPanel.getByRole("button", { name: /Отклонить/ }).click();
    // The last waiting part decided: the next request (or the queue) opens.
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });

  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("500");
  // The rejection's notification opens the request, where the re-send form is.
  await page.getByTestId("notification").filter({ hasText: "отклонён" }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/cabinet/requests/${requestId}$`));
  await expect(page.getByTestId("request-status")).toHaveText("Одобрена частично");
  await expect(page.getByTestId("part-receipt").getByTestId("moderator-comment")).toContainText("QR-код чека не подтверждает реальную покупку");

  await page.getByTestId("resubmit-receipt-picker-input").setInputFiles(path.join(FIXTURES, "receipts", "shot-023.jpg"));
  await expect(page.getByTestId("resubmit-receipt-picker").locator('[data-status="done"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Отправить повторно" }).click();
  await expect(page.getByTestId("part-receipt")).toContainText("на проверке");

  await asModerator(browser, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await approvePart(moderator, "receipt");
    await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
  });

  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toContainText("600");
  await expect(page.getByTestId("ledger")).toContainText("Чек одобрен");
  await expect(page.getByTestId("ledger")).toContainText("Отзыв одобрен");
});
