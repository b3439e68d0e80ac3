import type { APIRequestContext, Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { reviewScreenshot } from "../support/fixtures";
import { randomPhone, signInShopper } from "./helpers";

const SCREENSHOT = reviewScreenshot("review-01-irecommend.png");

/** A server action call as the browser sent it, to be sent again later with another cookie. */
interface RecordedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Saves the contact email through the cabinet's form and records the server action request it made. */
async function recordContactEmailAction(page: Page): Promise<RecordedAction> {
  await page.goto("/cabinet");
  await page.getByTestId("contact-email").getByRole("textbox").fill(`shopper-${Date.now()}@example.test`);
  const [request] = await Promise.all([
    page.waitForRequest((item) => item.method() === "POST" && item.headers()["next-action"] !== undefined),
    page.getByTestId("contact-email").getByRole("button", { name: "Сохранить" }).click(),
  ]);
  await expect(page.getByText("Сохранено.")).toBeVisible();
  const headers = await request.allHeaders();
  // The replay carries whichever cookie its context holds; the browser computes the rest again.
  for (const name of ["cookie", "content-length", "host", "connection"]) delete headers[name];
  return { url: request.url(), headers, body: request.postData() ?? "" };
}

async function replay(request: APIRequestContext, action: RecordedAction): Promise<string> {
  const response = await request.post(action.url, { headers: action.headers, data: action.body });
  expect(response.status()).toBe(200);
  return response.text();
}

/** A new browser holding nothing but a copy of the saved session cookie. */
async function contextWithCookie(browser: Browser, cookies: Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow" });
  await context.addCookies(cookies);
  return context;
}

async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  const cookies = (await context.cookies()).filter((cookie) => cookie.name.includes("next-auth.session-token"));
  expect(cookies.length).toBeGreaterThan(0);
  return cookies;
}

test("signing out ends this session: a saved copy of its cookie opens nothing any more", async ({ page, browser }) => {
  await signInShopper(page);
  const upload = await page.request.post("/api/uploads", { multipart: { kind: "REVIEW_SCREENSHOT", file: { name: "review.png", mimeType: "image/png", buffer: SCREENSHOT } } });
  expect(upload.status()).toBe(201);
  const imageId = ((await upload.json()) as { data: { id: string } }).data.id;
  const action = await recordContactEmailAction(page);
  const saved = await sessionCookies(page.context());

  // While the session lives, the copy works everywhere: the page, the action and the image.
  const before = await contextWithCookie(browser, saved);
  try {
    const other = await before.newPage();
    await other.goto("/cabinet");
    await expect(other.getByTestId("balance")).toBeVisible();
    expect(await replay(before.request, action)).toContain('"ok":true');
    expect((await before.request.get(`/api/images/${imageId}`)).status()).toBe(200);
  } finally {
    await before.close();
  }

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const after = await contextWithCookie(browser, saved);
  try {
    const other = await after.newPage();
    await other.goto("/cabinet");
    await expect(other).toHaveURL(/\/login$/);
    const answer = await replay(after.request, action);
    expect(answer).toContain('"code":"UNAUTHENTICATED"');
    expect(answer).not.toContain('"ok":true');
    const image = await after.request.get(`/api/images/${imageId}`);
    expect(image.status()).toBe(401);
    expect(await image.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  } finally {
    await after.close();
  }
});

test("«Выйти на всех устройствах» ends the shopper's session on another phone too", async ({ page, browser }) => {
  const phone = randomPhone();
  await signInShopper(page, phone);
  const secondPhone = await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow" });
  try {
    const other = await secondPhone.newPage();
    await signInShopper(other, phone);

    await page.getByTestId("privacy-link").click();
    await expect(page).toHaveURL(/\/cabinet\/privacy$/);
    const card = page.getByTestId("sign-out-everywhere");
    await card.getByRole("button", { name: "Выйти на всех устройствах" }).click();
    // A step back is possible, and nothing happened.
    await card.getByRole("button", { name: "Отмена" }).click();
    await other.reload();
    await expect(other.getByTestId("balance")).toBeVisible();

    await card.getByRole("button", { name: "Выйти на всех устройствах" }).click();
    await expect(card.getByText("Выйти из кабинета на всех устройствах, в том числе на этом?")).toBeVisible();
    await card.getByRole("button", { name: "Да, выйти везде" }).click();
    await expect(page).toHaveURL(/\/login\?signed-out=everywhere$/);
    await expect(page.getByTestId("signed-out-notice")).toHaveText("Вы вышли на всех устройствах. Чтобы вернуться в кабинет, войдите снова.");
    await page.goto("/cabinet");
    await expect(page).toHaveURL(/\/login$/);

    // The other phone kept its cookie, but its session is over.
    await other.goto("/cabinet");
    await expect(other).toHaveURL(/\/login$/);
  } finally {
    await secondPhone.close();
  }
});
