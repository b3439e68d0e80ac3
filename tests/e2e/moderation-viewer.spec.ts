import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { asStaffMember, DEMO, sendNewRequest, signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";

/** SCREENSHOTS_DIR=…: the viewer at desktop and phone width, for a person to look at. */
const SHOTS = process.env.SCREENSHOTS_DIR;

/** A shopper files a request with a screenshot and a 1170×2532 receipt screenshot; returns its number. */
async function fileRequest(page: Page): Promise<number> {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/viewer-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-05-wildberries.png"));
  await page.getByTestId("receipt-input").setInputFiles(path.join(FIXTURES, "receipts", "photo-003.jpg"));
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан", { timeout: 30_000 });
  await sendNewRequest(page);
  return Number(page.url().split("/").pop());
}

function region(value: string | null): { x: number; y: number; width: number; height: number } {
  const [x, y, width, height] = (value ?? "").split(",").map(Number);
  return { x: x!, y: y!, width: width!, height: height! };
}

test("the viewer opens a 3000×4000 receipt photo zoomed on its QR code, with the fields beside it", async ({ page, browser }) => {
  const requestId = await fileRequest(page);
  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.setViewportSize({ width: 1440, height: 900 });
    await moderator.goto(`/moderation/requests/${requestId}`);
    await moderator.getByTestId("moderation-part-receipt").getByTestId("open-viewer").click();
    const lightbox = moderator.getByTestId("lightbox");
    await expect(lightbox).toBeVisible();
    const image = lightbox.getByTestId("lightbox-image");
    await expect(image).toHaveAttribute("data-visible-region", /\d/);
    // Stored as 1920×2560; zoomed on the code, only a small part of it shows, around the code.
    const shown = region(await image.getAttribute("data-visible-region"));
    expect(shown.width * shown.height).toBeLessThan(0.15 * 1920 * 2560);
    await expect.poll(async () => Number(await image.getAttribute("data-scale"))).toBeGreaterThan(900 / 2560);
    await expect(lightbox.getByTestId("receipt-fields")).toContainText("ФН");
    await expect(lightbox.getByTestId("receipt-fields")).toContainText("₽");
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    if (SHOTS) await moderator.screenshot({ path: path.join(SHOTS, "lightbox-qr-desktop-1440.png") });

    // Whole image, then the keys: + zooms in, Esc closes, and the focus stays inside meanwhile.
    await lightbox.getByRole("button", { name: "Целиком" }).click();
    await expect(image).toHaveAttribute("data-visible-region", "0,0,1920,2560");
    const fitScale = Number(await image.getAttribute("data-scale"));
    await moderator.keyboard.press("+");
    await expect.poll(async () => Number(await image.getAttribute("data-scale"))).toBeGreaterThan(fitScale);
    await lightbox.getByRole("button", { name: "Повернуть по часовой стрелке" }).click();
    await expect(image).toHaveAttribute("data-turns", "1");
    for (let i = 0; i < 12; i++) await moderator.keyboard.press("Tab");
    expect(await moderator.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
    // The arrows go through all of the request's images (the review screenshot comes first).
    await moderator.keyboard.press("ArrowRight");
    await expect(lightbox).toContainText("Отзыв · 1 из 2");
    await moderator.keyboard.press("ArrowLeft");
    await expect(lightbox).toContainText("Чек · 2 из 2");
    await moderator.keyboard.press("Escape");
    await expect(lightbox).toBeHidden();

    await moderator.setViewportSize({ width: 390, height: 844 });
    await moderator.getByTestId("moderation-part-receipt").getByTestId("open-viewer").click();
    await expect(lightbox.getByTestId("receipt-fields")).toBeVisible();
    if (SHOTS) await moderator.screenshot({ path: path.join(SHOTS, "lightbox-qr-phone-390.png") });
  });
});

test("keys: ? shows the legend; A is undone within 10 s and credits nothing; R → 1 → Enter rejects with the first template", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const requestId = await fileRequest(page);
  let templateText = "";
  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.setViewportSize({ width: 1440, height: 900 });
    await moderator.goto(`/moderation/requests/${requestId}`);
    await expect(moderator.getByTestId("claim-banner")).toContainText("закреплена за вами");

    await moderator.keyboard.press("Shift+?");
    const legend = moderator.getByTestId("key-legend");
    await expect(legend).toBeVisible();
    await expect(legend).toContainText("R, затем 1–9");
    if (SHOTS) await moderator.screenshot({ path: path.join(SHOTS, "key-legend-desktop-1440.png") });
    await moderator.keyboard.press("Escape");
    await expect(legend).toBeHidden();

    // A holds the review's approval with a countdown; Отменить (Z) takes it back, and nothing is sent later.
    await moderator.keyboard.press("a");
    const toast = moderator.getByTestId("approval-toast");
    await expect(toast).toContainText("Баллы начислятся через");
    await expect(moderator.getByTestId("decision-review")).toHaveAttribute("data-held", "true");
    if (SHOTS) await moderator.screenshot({ path: path.join(SHOTS, "approval-undo-desktop-1440.png") });
    await moderator.keyboard.press("z");
    await expect(toast).toBeHidden();
    await moderator.waitForTimeout(11_000);
    await moderator.reload();
    await expect(moderator.getByTestId("decision-review")).toBeVisible();
    await expect(moderator.getByTestId("decision-review").getByRole("button", { name: /Одобрить/ })).toBeEnabled();

    // R, then 1: the first template of the first waiting part (the review); Enter sends the rejection.
    await moderator.keyboard.press("r");
    const comment = moderator.getByTestId("decision-review").getByLabel("Комментарий");
    await expect(comment).toBeFocused();
    await moderator.keyboard.press("1");
    templateText = await comment.inputValue();
    expect(templateText.length).toBeGreaterThan(5);
    await moderator.keyboard.press("Enter");
    await expect(moderator.getByTestId("decision-review")).toHaveCount(0);
    await expect(moderator.getByTestId("moderation-part-review")).toContainText("отклонён");
    await expect(moderator.getByTestId("moderation-part-review")).toContainText(templateText);
  });

  await page.goto("/cabinet");
  await expect(page.getByTestId("balance")).toHaveText(/^0\b/);
  await page.goto(`/cabinet/requests/${requestId}`);
  await expect(page.getByTestId("part-review").getByTestId("moderator-comment")).toContainText(templateText);
});
