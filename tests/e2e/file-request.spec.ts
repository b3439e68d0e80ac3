import path from "node:path";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";

const review = (name: string) => path.join(FIXTURES, "reviews", name);
const receipt = (name: string) => path.join(FIXTURES, "receipts", name);

test("a shopper files a request with two screenshots and a receipt photo and sees the decoded receipt", async ({ page }) => {
  await signInShopper(page);
  await page.getByRole("link", { name: "Отправить заявку" }).click();
  await expect(page).toHaveURL(/\/cabinet\/requests\/new$/);

  await page.getByLabel("Продукт").selectOption({ label: "Сыворотка с витамином C 15%" });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/syvorotka-carely-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles([review("review-01-irecommend.png"), review("review-02-irecommend-dark.jpg")]);
  await page.getByTestId("receipt-input").setInputFiles(receipt("photo-013.jpg"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(2);
  await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан: 26.08.2025, 09:10");
  await expect(page.getByTestId("receipt-verdict")).toContainText("5\u00a0015,20\u00a0₽");

  // A double click files one request.
  await page.getByRole("button", { name: "Отправить заявку" }).dblclick();
  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
  await expect(page.getByTestId("request-status")).toHaveText("Ожидает проверки");
  await expect(page.getByTestId("due-date")).toBeVisible();
  await expect(page.getByTestId("receipt-date")).toHaveText("26.08.2025, 09:10");
  await expect(page.getByTestId("receipt-sum")).toHaveText("5\u00a0015,20\u00a0₽");
  await expect(page.getByTestId("part-review").locator("img")).toHaveCount(2);

  await page.getByRole("link", { name: "← Мои заявки" }).click();
  await expect(page.getByTestId("request-list").locator("li")).toHaveCount(1);
});

test("a send tapped while a photo still uploads waits for it and then goes by itself", async ({ page }) => {
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ label: "Сыворотка с витамином C 15%" });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/syvorotka-slow-${Date.now()}`);
  // A slow mobile connection: each upload is held for a moment.
  let releaseUpload!: () => void;
  const uploadHeld = new Promise<void>((resolve) => (releaseUpload = resolve));
  await page.route("**/api/uploads", async (route) => {
    await uploadHeld;
    await route.continue();
  });
  await page.getByTestId("screenshots-input").setInputFiles(review("review-06-wildberries-dark.jpg"));
  await expect(page.getByTestId("screenshots").locator('[data-status="uploading"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByRole("button", { name: "Отправим, когда загрузятся фото…" })).toBeVisible();
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  releaseUpload();

  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/);
  await expect(page.getByTestId("request-status")).toHaveText("Ожидает проверки");
  await expect(page.getByTestId("part-review").locator("img")).toHaveCount(1);
});

test("bad input gets a clear message and loses nothing already entered", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 4\d\d .*\/api\/uploads/, "the upload route refuses the PDF with a 4xx");
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");

  // An empty form.
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByText("Выберите продукт.")).toBeVisible();
  await expect(page.getByText("Вставьте ссылку на ваш отзыв.")).toBeVisible();
  await expect(page.getByText("Добавьте хотя бы один скриншот отзыва.")).toBeVisible();

  const link = `https://www.ozon.ru/product/krem-${Date.now()}/reviews`;
  await page.getByLabel("Ссылка на отзыв").fill(link);
  await page.getByTestId("screenshots-input").setInputFiles(review("review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);

  // A PDF renamed .jpg: refused with a message; the good screenshot stays.
  await page.getByTestId("screenshots-input").setInputFiles({ name: "review.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF") });
  await expect(page.getByTestId("screenshots").locator('[data-status="failed"]')).toHaveCount(1);
  await expect(page.getByTestId("screenshots").getByTestId("upload-error")).toContainText("Это PDF-документ, а нужно изображение");
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);

  // More than five: only the room left is taken, with a notice.
  const five = Array.from({ length: 5 }, () => review("review-04-ozon-dark.jpg"));
  await page.getByTestId("screenshots-input").setInputFiles(five);
  await expect(page.getByText(/Добавили 3 файла из 5 выбранных/)).toBeVisible();
  await expect(page.getByTestId("screenshots").getByTestId("picked-image")).toHaveCount(5);
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(4);

  // Submitting with a failed upload is refused until it is removed; what was entered stays.
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByTestId("form-error")).toContainText("не загрузились");
  await expect(page.getByLabel("Ссылка на отзыв")).toHaveValue(link);

  // A reload keeps the draft: link and uploaded screenshots.
  await page.reload();
  await expect(page.getByLabel("Ссылка на отзыв")).toHaveValue(link);
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(4);
});

test("the upload endpoint refuses hostile files with clear messages", async ({ page }) => {
  await signInShopper(page);
  const post = (name: string, mimeType: string, buffer: Buffer) =>
    page.request.post("/api/uploads", { multipart: { kind: "REVIEW_SCREENSHOT", file: { name, mimeType, buffer } } });

  const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
  const hugePng = await sharp({ create: { width: 8000, height: 7500, channels: 3, background: "#ffffff" } }).png({ compressionLevel: 9 }).toBuffer();
  const jpeg = await sharp(review("review-01-irecommend.png")).jpeg().toBuffer();
  const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));

  for (const [name, mimeType, buffer, message] of [
    ["tiny.gif", "image/gif", gif, /JPEG, PNG, WebP|формат/],
    ["huge.png", "image/png", hugePng, /Мп|мегапиксел|слишком большое/i],
    ["broken.jpg", "image/jpeg", truncated, /повреждён|не удалось прочитать|обрезан/i],
    ["doc.jpg", "image/jpeg", Buffer.from("%PDF-1.4 fake"), /PDF-документ/],
    ["notes.jpg", "image/jpeg", Buffer.from("just some text, not a picture at all"), /не похож на изображение/],
  ] as const) {
    const response = await post(name, mimeType, buffer);
    expect(response.status(), name).toBe(422);
    const body = (await response.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message, name).toMatch(message);
  }
});
