import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, sendNewRequest, signInShopper } from "./helpers";
import { maskPhone } from "../../src/lib/phone-format";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { SCREENSHOT_SIZES, screenshotIfAsked } from "./support/screenshots";

// The new-request form tells the shopper before sending what repeats a request already filed: their own
// (by number, with a link) or someone else's (only that it was used). A repeat still goes, after one question.

const RECEIPT = path.join(FIXTURES, "receipts", "photo-013.jpg");
const VIEWPORTS = SCREENSHOT_SIZES;

/** A screenshot no other journey uploads: random 8×8 blocks, so its perceptual hash matches nothing else. */
async function freshScreenshot(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const cells = Buffer.from(Array.from({ length: 8 * 8 * 3 }, () => (Math.random() < 0.5 ? 20 : 235)));
  const buffer = await sharp(cells, { raw: { width: 8, height: 8, channels: 3 } }).resize(720, 960, { kernel: "nearest", fit: "fill" }).png().toBuffer();
  return { name: `review-${Date.now()}.png`, mimeType: "image/png", buffer };
}

const freshLink = () => `https://irecommend.ru/content/dubl-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function fillForm(page: Page, draft: { link: string; screenshot: { name: string; mimeType: string; buffer: Buffer }; receipt?: boolean }): Promise<void> {
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(draft.link);
  await page.getByTestId("screenshots-input").setInputFiles(draft.screenshot);
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  if (draft.receipt) {
    await page.getByTestId("receipt-input").setInputFiles(RECEIPT);
    await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  }
}

async function fileRequest(page: Page, draft: Parameters<typeof fillForm>[1]): Promise<number> {
  await fillForm(page, draft);
  // The receipt fixture is shared with other journeys: a repeat found asks first.
  await sendNewRequest(page);
  return Number(page.url().split("/").pop());
}

async function asAnotherShopper(browser: Browser, run: (page: Page) => Promise<void>): Promise<string> {
  const context = await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow", viewport: VIEWPORTS.phone });
  const page = await context.newPage();
  try {
    const { e164 } = await signInShopper(page);
    await run(page);
    return e164;
  } finally {
    await context.close();
  }
}

for (const [label, viewport] of Object.entries(VIEWPORTS)) {
  test(`${label}: the shopper's own earlier request is named beside each field, and a repeat goes after one question`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInShopper(page);
    const link = freshLink();
    const screenshot = await freshScreenshot();
    const earlier = await fileRequest(page, { link, screenshot, receipt: true });

    // The same review written another way, the same screenshot and the same receipt.
    await fillForm(page, { link: `${link.replace("https://", "http://m.")}?utm_source=share`, screenshot, receipt: true });
    const warnings = page.getByTestId("duplicate-warning");
    await expect(warnings).toHaveText([
      `Этот отзыв уже отправлен в заявке №${earlier}.`,
      `Этот скриншот уже отправлен в заявке №${earlier}.`,
      `Этот чек уже отправлен в заявке №${earlier}.`,
    ]);
    await expect(warnings.first().getByRole("link", { name: `заявке №${earlier}` })).toHaveAttribute("href", `/cabinet/requests/${earlier}`);
    await screenshotIfAsked(page, "own-duplicate");

    // Asked once: the first tap asks, the second sends.
    await page.getByRole("button", { name: "Отправить заявку" }).click();
    await expect(page.getByTestId("duplicate-confirmation")).toContainText("Всё равно отправить?");
    await expect(page).toHaveURL(/\/cabinet\/requests\/new$/);
    await screenshotIfAsked(page, "own-duplicate-confirmation");
    await page.getByRole("button", { name: "Всё равно отправить" }).click();
    await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
    expect(Number(page.url().split("/").pop())).not.toBe(earlier);
    await expect(page.getByTestId("request-status")).toHaveText("Ожидает проверки");
  });

  test(`${label}: someone else's earlier request is only said to exist, and nothing of theirs is shown`, async ({ page, browser }) => {
    await page.setViewportSize(viewport);
    const link = freshLink();
    const screenshot = await freshScreenshot();
    let theirs = 0;
    const theirPhone = await asAnotherShopper(browser, async (other) => {
      theirs = await fileRequest(other, { link, screenshot });
    });

    await signInShopper(page);
    await fillForm(page, { link, screenshot });
    const warnings = page.getByTestId("duplicate-warning");
    await expect(warnings).toHaveText(["Этот отзыв уже участвовал в программе.", "Этот скриншот уже участвовал в программе."]);
    await expect(warnings.getByRole("link")).toHaveCount(0);
    expect((await warnings.allInnerTexts()).join(" ")).not.toMatch(/\d/);
    const shown = await page.locator("body").innerText();
    expect(shown).not.toContain(`№${theirs}`);
    expect(shown).not.toContain(theirPhone.slice(2));
    await screenshotIfAsked(page, "someone-elses-duplicate");

    await page.getByRole("button", { name: "Отправить заявку" }).click();
    await expect(page.getByRole("button", { name: "Всё равно отправить" })).toBeVisible();
    await page.getByRole("button", { name: "Всё равно отправить" }).click();
    await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
    await expect(page.getByTestId("request-status")).toHaveText("Ожидает проверки");
    const mine = Number(page.url().split("/").pop());
    if (label !== "desktop") return;

    // The moderator sees what the shopper was not shown: the repeat links the two accounts, and the request
    // is high risk, found by the queue's risk filter; the signal decides nothing.
    await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
      await moderator.goto(`/moderation?q=${mine}&risk=HIGH`);
      await expect(moderator.getByTestId("queue").getByRole("link", { name: new RegExp(`№${mine}\\b`) })).toBeVisible();
      await expect(moderator.getByTestId("queue").getByTestId("risk-level")).toHaveText("Риск: высокий");
      await moderator.goto(`/moderation/requests/${mine}`);
      await expect(moderator.getByTestId("risk-reasons")).toHaveText("Риск высокий: скриншоты почти совпадают со скриншотами другого аккаунта.");
      await expect(moderator.getByTestId("linked-accounts")).toHaveText(`Связанные аккаунты: ${maskPhone(theirPhone)} (похожие скриншоты) — 1 заявка`);
      await expect(moderator.getByTestId("moderation-part-review").getByRole("button", { name: /Одобрить/ })).toBeEnabled();
      await screenshotIfAsked(moderator, "risk-summary");
    });
  });
}

test("a send tapped while a repeated screenshot still uploads asks about the repeat before anything goes", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await signInShopper(page);
  const screenshot = await freshScreenshot();
  const earlier = await fileRequest(page, { link: freshLink(), screenshot });

  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(freshLink());
  // A slow mobile connection: the upload is held until the send has been tapped.
  let releaseUpload!: () => void;
  const uploadHeld = new Promise<void>((resolve) => (releaseUpload = resolve));
  await page.route("**/api/uploads", async (route) => {
    await uploadHeld;
    await route.continue();
  });
  await page.getByTestId("screenshots-input").setInputFiles(screenshot);
  await expect(page.getByTestId("screenshots").locator('[data-status="uploading"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByRole("button", { name: "Отправим, когда загрузятся фото…" })).toBeVisible();
  releaseUpload();

  // The upload ends and the send would go at once, before the form's own check: it asks all the same.
  await expect(page.getByTestId("duplicate-confirmation")).toContainText("Всё равно отправить?");
  await expect(page.getByTestId("duplicate-warning")).toHaveText(`Этот скриншот уже отправлен в заявке №${earlier}.`);
  await expect(page).toHaveURL(/\/cabinet\/requests\/new$/);
  await page.getByRole("button", { name: "Всё равно отправить" }).click();
  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
  expect(Number(page.url().split("/").pop())).not.toBe(earlier);
});

test("a request that repeats nothing is sent at the first tap, with no warning", async ({ page }) => {
  await signInShopper(page);
  // The check's answer (a server action posted to the page): nothing to say.
  const checked = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/cabinet/requests/new"));
  await fillForm(page, { link: freshLink(), screenshot: await freshScreenshot() });
  await checked;
  await expect(page.getByTestId("duplicate-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
});
