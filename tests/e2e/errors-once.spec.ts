import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "@playwright/test";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, sendNewRequest, signInShopper, signInStaff } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { DAY_MS, moscowWallClock } from "../../src/lib/moscow-time";

// Every error is said once, by what it is about, and goes away when it is answered; a refused upload is
// explained below its picker with "Удалить"; the live scanner takes only a receipt's QR code.

const review = (name: string) => path.join(FIXTURES, "reviews", name);
const receipt = (name: string) => path.join(FIXTURES, "receipts", name);

// The writer loads its .wasm from a CDN by default; hand it the bytes from node_modules (no network).
const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve("zxing-wasm/writer/zxing_writer.wasm"));
prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });

async function qrDataUrl(text: string): Promise<string> {
  const written = await writeBarcode(text, { format: "QRCode", scale: 8 });
  if (!written.image) throw new Error(`the QR writer failed: ${written.error}`);
  return `data:image/png;base64,${Buffer.from(await written.image.arrayBuffer()).toString("base64")}`;
}

/** A sale of yesterday, Moscow time, with a fiscal drive no other test uses. */
function fiscalQrText(): string {
  const t = new Date(moscowWallClock(new Date(Date.now() - DAY_MS))).toISOString().slice(0, 16).replace(/[-:]/g, "");
  const serial = String(Date.now() % 100_000_000).padStart(8, "0");
  return `t=${t}&s=123.45&fn=99990790${serial}&i=${1 + (Date.now() % 99_999)}&fp=${1_000_000_000 + (Date.now() % 999_999_999)}&n=1`;
}

/** Exactly one element on the page says `text`. */
async function expectSaidOnce(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByText(text)).toHaveCount(1);
}

test("a refused upload is explained below the picker, with Удалить and no useless Ещё раз", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 4\d\d .*\/api\/uploads/, "the upload route refuses the PDF with a 4xx");
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  const screenshots = page.getByTestId("screenshots");
  await page.getByTestId("screenshots-input").setInputFiles(review("review-03-ozon.png"));
  await page.getByTestId("screenshots-input").setInputFiles({ name: "review.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF") });

  const failure = screenshots.getByTestId("upload-error");
  await expect(failure).toContainText("«review.jpg»: Это PDF-документ, а нужно изображение");
  // In full, not cut inside the tile: the whole message is visible in the box below the tiles.
  await expect(failure).toContainText("JPEG, PNG, WebP или HEIC");
  await expect(screenshots.locator('[data-status="failed"]')).not.toContainText("PDF");
  await expectSaidOnce(page, /Это PDF-документ/);
  // The server refused the file itself: trying it again cannot help.
  await expect(failure.getByRole("button", { name: "Ещё раз" })).toHaveCount(0);
  await failure.getByRole("button", { name: "Удалить" }).click();
  await expect(failure).toHaveCount(0);
  await expect(screenshots.getByTestId("picked-image")).toHaveCount(1);
  await expect(screenshots.locator('[data-status="done"]')).toHaveCount(1);
});

test("an expense receipt's refusal is said once, before and after sending, and goes when it is removed", async ({ page }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  // The form is disabled until its script has taken it over; a file set before that would go unseen.
  await expect(page.getByLabel("Продукт")).toBeEnabled();
  await page.getByTestId("receipt-input").setInputFiles(receipt("alpha-003.png"));
  await expect(page.getByTestId("receipt").locator('[data-status="done"]')).toHaveCount(1, { timeout: 30_000 });
  await expectSaidOnce(page, /Это чек расхода, а не покупки/);

  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/errors-once-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(review("review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  // The screenshot and the receipt are shared fixtures: once the check for repeats has answered, it asks first.
  const sendAnyway = page.getByRole("button", { name: "Всё равно отправить" });
  const refusal = page.getByTestId("receipt").getByTestId("field-error").filter({ hasText: "Уберите этот чек или загрузите другой" });
  await expect(sendAnyway.or(refusal)).toBeVisible();
  if (await sendAnyway.isVisible()) await sendAnyway.click();
  await expect(refusal).toBeVisible();
  await expectSaidOnce(page, /Это чек расхода, а не покупки/);
  await expect(page.getByTestId("form-error")).toHaveCount(0);

  await page.getByTestId("receipt").getByRole("button", { name: "Убрать фото" }).click();
  await expect(page.getByText(/Это чек расхода/)).toHaveCount(0);
  await expect(page.getByTestId("receipt").getByTestId("field-error")).toHaveCount(0);
});

test("the screenshots' error goes as soon as one is added", async ({ page }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expectSaidOnce(page, "Добавьте хотя бы один скриншот отзыва.");
  await page.getByTestId("screenshots-input").setInputFiles(review("review-03-ozon.png"));
  await expect(page.getByText("Добавьте хотя бы один скриншот отзыва.")).toHaveCount(0);
});

test("a re-send's 'Добавьте новые фото.' is said once and goes when a photo is added", async ({ page, browser }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/resend-once-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(review("review-05-wildberries.png"));
  await page.getByTestId("receipt-input").setInputFiles(receipt("shot-023.jpg"));
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  // The screenshot and receipt were sent before (by this journey's earlier runs): a repeat asks once.
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());

  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    const receiptPanel = moderator.getByTestId("decision-receipt");
    await receiptPanel.getByRole("button", { name: "Чек не подтверждает покупку" }).click();
    await receiptPanel.getByRole("button", { name: /Отклонить/ }).click();
    await expect(receiptPanel).toHaveCount(0);
  });

  await page.reload();
  const resend = page.getByTestId("resubmit-receipt");
  await resend.getByRole("button", { name: "Отправить повторно" }).click();
  await expectSaidOnce(page, "Добавьте новые фото.");
  await page.getByTestId("resubmit-receipt-picker-input").setInputFiles(receipt("shot-023.jpg"));
  await expect(page.getByText("Добавьте новые фото.")).toHaveCount(0);
  await expect(page.getByTestId("resubmit-receipt-picker").locator('[data-status="done"]')).toHaveCount(1);
});

test("a calendar refusal is said once, by its field, and goes when the date is saved", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(page, DEMO.admin);
  await expect(page).toHaveURL(/\/moderation$/);
  await page.goto("/admin/calendar?year=2027");
  const form = page.getByTestId("calendar-day-form");

  await form.getByRole("button", { name: "Добавить", exact: true }).click();
  await expectSaidOnce(page, "Укажите дату.");

  await form.getByLabel("Дата", { exact: true }).fill("2027-08-18");
  await form.getByLabel("Тип дня").selectOption("WORKING_DAY");
  await form.getByRole("button", { name: "Добавить", exact: true }).click();
  await expectSaidOnce(page, /это и так рабочий день/);
  await expect(page.getByText("Укажите дату.")).toHaveCount(0);

  // Fixed: a Saturday made a working day is saved, and no error is left.
  await form.getByLabel("Дата", { exact: true }).fill("2027-08-21");
  await form.getByLabel("Тип дня").selectOption("WORKING_DAY");
  await form.getByLabel("Примечание").fill("Рабочая суббота (e2e, errors-once)");
  await form.getByRole("button", { name: "Добавить", exact: true }).click();
  await expect(form.getByTestId("form-success")).toContainText("21 августа 2027");
  await expect(page.getByText(/это и так/)).toHaveCount(0);
  await expect(form.getByTestId("field-error")).toHaveCount(0);

  // Put back, so the other journeys see the seeded calendar.
  const row = page.getByTestId("calendar-day-2027-08-21");
  await row.getByRole("button", { name: "Удалить" }).click();
  await row.getByRole("button", { name: "Да, удалить 21 августа" }).click();
  await expect(row).toHaveCount(0);
});

test("the live scanner ignores a QR that is not a receipt's and captures a receipt's", async ({ page }) => {
  // The camera is a canvas showing what the test puts in front of it.
  await page.addInitScript(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 1280;
    canvas.height = 960;
    const context = canvas.getContext("2d")!;
    const shown = new Image();
    (window as unknown as { showToCamera: (src: string) => void }).showToCamera = (src) => {
      shown.src = src;
    };
    setInterval(() => {
      context.fillStyle = "#777";
      context.fillRect(0, 0, canvas.width, canvas.height);
      if (shown.complete && shown.naturalWidth > 0) {
        context.fillStyle = "#fff";
        context.fillRect(300, 140, 680, 680);
        context.drawImage(shown, 340, 180, 600, 600);
      }
    }, 50);
    navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(20);
  });
  const notReceipt = await qrDataUrl("https://example.com/promo?utm=qr");
  const fiscal = await qrDataUrl(fiscalQrText());

  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.evaluate((src) => (window as unknown as { showToCamera: (src: string) => void }).showToCamera(src), notReceipt);
  await page.getByRole("button", { name: "Сканировать QR-код камерой" }).click();
  const scanner = page.getByTestId("receipt-scanner");
  await expect(scanner.getByTestId("receipt-scanner-status")).toHaveText(/Это не QR чека/);
  // Nothing is captured from it: the scanner stays open, the picker empty.
  await page.waitForTimeout(1_000);
  await expect(scanner).toBeVisible();
  await expect(page.getByTestId("receipt").getByTestId("picked-image")).toHaveCount(0);

  await page.evaluate((src) => (window as unknown as { showToCamera: (src: string) => void }).showToCamera(src), fiscal);
  await expect(scanner).toHaveCount(0);
  // The server decoded the captured photo itself.
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан", { timeout: 30_000 });
  await expect(page.getByTestId("receipt-verdict")).toContainText("123,45");
});
