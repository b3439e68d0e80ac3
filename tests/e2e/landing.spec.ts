import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, setReviewPoints, signInShopper } from "./helpers";
import { expectNoSeriousViolations } from "./support/axe";
import { SCREENSHOT_SIZES, screenshotIfAsked } from "./support/screenshots";

// The public landing page at /, the personal-data policy behind the consent box, the icons and manifest, and
// the staff's shop links that feed "Где купить". Settings changed here are put back, whatever happens.

const ADMIN_HOME = /\/moderation$/;
const DESKTOP = SCREENSHOT_SIZES.desktop;

/** No element wider than the viewport: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, "page width").toBeLessThanOrEqual(clientWidth);
}

async function expectLandingSections(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Баллы за честные отзывы" })).toBeVisible();
  for (const name of ["Как это работает", "Где оставить отзыв", "Где купить", "Правила и сроки", "Частые вопросы", "Войти или зарегистрироваться"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByTestId("landing-steps").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("landing-review-sites")).toContainText("IRecommend.ru");
  await expect(page.getByTestId("landing-review-sites")).toContainText("Купили на маркетплейсе");

  // The seeded shop links: each product with its picture and links to the shops, opening in a new tab.
  const serum = page.getByTestId("landing-product").filter({ hasText: "Сыворотка с витамином C 15%" });
  await expect(serum.getByRole("img", { name: "Сыворотка с витамином C 15%" })).toBeVisible();
  const ozon = serum.getByRole("link", { name: /^Ozon/ });
  await expect(ozon).toHaveAttribute("href", /^https:\/\/www\.ozon\.ru\//);
  await expect(ozon).toHaveAttribute("target", "_blank");
  await expect(serum.getByRole("link", { name: /^Летуаль/ })).toBeVisible();

  // The rules as the settings have them (the demo's defaults).
  await expect(page.getByTestId("rule-review-points")).toContainText("500 баллов");
  await expect(page.getByTestId("rule-receipt-points")).toContainText("100 баллов");
  await expect(page.getByTestId("rule-moderation-days")).toContainText("5 рабочих дней");
  await expect(page.getByTestId("rule-shipping-days")).toContainText("30 дней");
  await expect(page.getByTestId("rule-forfeiture")).toContainText("6 месяцев");
  await expect(page.getByTestId("rule-forfeiture")).toContainText("за 30 и 7 дней");

  const faq = page.getByTestId("landing-faq");
  for (const question of ["Сколько баллов я получу?", "Сколько ждать проверки?", "Как доставляют призы?", "Почему заявку могут отклонить?", "Когда сгорают баллы?"]) {
    await expect(faq.getByText(question)).toBeVisible();
  }
  await faq.getByText("Как доставляют призы?").click();
  await expect(faq.getByText(/пункт выдачи СДЭК или отделение Почты России/)).toBeVisible();

  // The sign-in form itself is on the page.
  await expect(page.getByRole("textbox", { name: "Номер телефона" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Получить код" })).toBeVisible();
}

test("a visitor on a phone sees how the programme works, where to buy, the rules and FAQ, and can sign in right there", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/$/);
  await expectLandingSections(page);
  await expectNoSidewaysScroll(page);
  await screenshotIfAsked(page, "landing");

  // "Войти" in the header scrolls to the form.
  await page.getByRole("banner").getByRole("link", { name: "Войти" }).click();
  await expect(page).toHaveURL(/#sign-in$/);
  await expect(page.getByRole("textbox", { name: "Номер телефона" })).toBeInViewport();
});

test.describe("at desktop width", () => {
  test.use({ viewport: DESKTOP, isMobile: false, hasTouch: false });

  test("the landing page shows every section with the page navigation and no sideways scroll", async ({ page }) => {
    await page.goto("/");
    await expectLandingSections(page);
    const nav = page.getByRole("navigation", { name: "Разделы страницы" });
    await nav.getByRole("link", { name: "Правила" }).click();
    await expect(page).toHaveURL(/#rules$/);
    await expect(page.getByTestId("landing-rules")).toBeInViewport();
    await expectNoSidewaysScroll(page);
  });
});

test("the rules on the landing page follow a changed setting at once", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByTestId("rule-review-points")).toContainText("500 баллов");
  try {
    await asStaffMember(browser, DEMO.admin, ADMIN_HOME, (admin) => setReviewPoints(admin, 700));
    await page.reload();
    await expect(page.getByTestId("rule-review-points")).toContainText("700 баллов");
    await expect(page.getByTestId("hero-points")).toHaveText("до 800 баллов");
  } finally {
    await asStaffMember(browser, DEMO.admin, ADMIN_HOME, (admin) => setReviewPoints(admin, 500));
  }
  await page.reload();
  await expect(page.getByTestId("rule-review-points")).toContainText("500 баллов");
});

test("the consent box on the sign-in form links to the personal-data policy", async ({ page }) => {
  await page.goto("/login");
  const consentLink = page.getByRole("link", { name: "обработку персональных данных" });
  await expect(consentLink).toHaveAttribute("href", "/privacy-policy");
  const [policy] = await Promise.all([page.context().waitForEvent("page"), consentLink.click()]);
  await expect(policy).toHaveURL(/\/privacy-policy$/);
  await expect(policy.getByRole("heading", { level: 1, name: "Политика обработки персональных данных" })).toBeVisible();
  await expect(policy.getByTestId("policy-version")).toContainText("Редакция 2026-12");
  await expect(policy.getByText(/152-ФЗ/).first()).toBeVisible();
  // Following the link did not tick the box or lose the form.
  await expect(page.getByRole("checkbox")).not.toBeChecked();
  await policy.close();
});

test("the favicon, the app icons and the web app manifest are served", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/x-icon");

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toContain("application/manifest+json");
  const body = (await manifest.json()) as { short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
  expect(body).toMatchObject({ short_name: "Carely", start_url: "/cabinet", display: "standalone" });
  expect(body.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of body.icons) {
    const served = await request.get(icon.src);
    expect(served.status(), icon.src).toBe(200);
    expect(served.headers()["content-type"]).toBe(icon.type);
  }

  // Every page links them, so a browser never asks for a missing one.
  await page.goto("/login");
  const head = page.locator("head");
  await expect(head.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  for (const selector of ['link[rel="icon"][type="image/svg+xml"]', 'link[rel="apple-touch-icon"]']) {
    const href = await head.locator(selector).first().getAttribute("href");
    expect(href, selector).toBeTruthy();
    const served = await request.get(href!);
    expect(served.status(), href!).toBe(200);
  }
});

test("the landing, sign-in and policy pages have no serious or critical accessibility problems", async ({ page }) => {
  for (const url of ["/", "/login", "/privacy-policy"]) {
    await page.goto(url);
    await expectNoSeriousViolations(page);
  }
  await page.setViewportSize(DESKTOP);
  await page.goto("/");
  await expectNoSeriousViolations(page);
});

test("brand staff add a shop to a product, and it shows in «Где купить»", async ({ page, browser }) => {
  // Two staff sign-ins (argon2) and three page loads: more than the default minute on a busy machine.
  test.slow();
  const product = "Пенка для умывания с центеллой";
  await page.goto("/");
  await expect(page.getByTestId("landing-product").filter({ hasText: product })).toHaveCount(0);

  await asStaffMember(browser, { email: DEMO.staff.email, password: DEMO.staff.password }, /\/staff$/, async (staff) => {
    await staff.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Продукты" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "Продукты и магазины" })).toBeVisible();
    const form = staff.getByTestId("product-CRL-FC-002").locator('[data-testid^="shop-links-form-"]');
    await form.getByRole("textbox", { name: "Магазин 1" }).fill("Ozon");
    await form.getByRole("textbox", { name: "Ссылка 1" }).fill("ozon.ru/carely");
    await form.getByRole("button", { name: "Сохранить магазины" }).click();
    // Said once, by the field it is about.
    await expect(form.getByTestId("field-error")).toHaveText("Это не ссылка: скопируйте адрес страницы целиком, начиная с https://.");
    await expect(form.getByTestId("form-error")).toHaveCount(0);
    await form.getByRole("textbox", { name: "Ссылка 1" }).fill("https://www.ozon.ru/search/?text=Carely+пенка");
    await form.getByRole("button", { name: "Сохранить магазины" }).click();
    await expect(form.getByTestId("form-success")).toContainText("Сохранено");
  });

  await page.reload();
  const card = page.getByTestId("landing-product").filter({ hasText: product });
  await expect(card.getByRole("link", { name: /^Ozon/ })).toHaveAttribute("href", "https://www.ozon.ru/search/?text=Carely+пенка");

  // Put back: the other journeys see the seeded catalogue.
  await asStaffMember(browser, { email: DEMO.staff.email, password: DEMO.staff.password }, /\/staff$/, async (staff) => {
    await staff.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Продукты" }).click();
    const form = staff.getByTestId("product-CRL-FC-002").locator('[data-testid^="shop-links-form-"]');
    await expect(form.getByRole("textbox", { name: "Магазин 1" })).toHaveValue("Ozon");
    await form.getByRole("button", { name: "Убрать" }).click();
    await expect(form.getByRole("textbox", { name: "Магазин 1" })).toHaveValue("");
    await form.getByRole("button", { name: "Сохранить магазины" }).click();
    await expect(form.getByTestId("form-success")).toContainText("Магазины убраны");
  });
  await page.reload();
  await expect(page.getByTestId("landing-product").filter({ hasText: product })).toHaveCount(0);
});

test("a signed-in shopper opening / goes to the cabinet", async ({ page }) => {
  await signInShopper(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/cabinet$/);
});
