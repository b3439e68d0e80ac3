import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, sendNewRequest, signInShopper, signInStaff } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { LAYOUT_WIDTHS, controlsOutsideViewport, expectFitsAt, smallTapTargets } from "./support/page-checks";

// Every page of every role, at the widths people use: nothing wider than the viewport at 360, 390, 1280 and
// 1440 px (staff pages also at 1920), and on the shopper's phone every tap target at least 44 px. One
// signed-in context per role, its pages looped. Console and page errors fail any journey (fixtures.ts); the
// order pages are checked where an order is placed (prize-order.spec.ts).

const STAFF_WIDTHS = [...LAYOUT_WIDTHS, 1920];
const PHONE = 390;

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow" });
}

/** Opens each path and checks it fits at each width; `tapTargets`: also checks the controls' size on the phone. */
async function checkPages(page: Page, paths: string[], widths: readonly number[], { tapTargets = false } = {}): Promise<void> {
  for (const address of paths) {
    await page.setViewportSize({ width: widths[0]!, height: 900 });
    await page.goto(address);
    await page.waitForLoadState("networkidle");
    await expectFitsAt(page, widths, address);
    if (tapTargets) {
      await page.setViewportSize({ width: PHONE, height: 844 });
      expect.soft(await smallTapTargets(page), `${address} at ${PHONE} px: tap targets under 44 px`).toEqual([]);
    }
  }
}

/** The first link on `address` to a page whose path matches `pattern` (a detail page to check). */
async function firstLink(page: Page, address: string, pattern: RegExp): Promise<string> {
  await page.goto(address);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link matching ${pattern} on ${address}`).toBeTruthy();
  return found!;
}

/** A review-only request, filed through the form: the request and decision pages need one. */
async function fileReviewRequest(page: Page): Promise<number> {
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/layout-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  await sendNewRequest(page);
  return Number(page.url().split("/").pop());
}

/** An administrator invites a new staff member and reads the link from the development outbox. */
async function inviteLink(page: Page): Promise<string> {
  const email = `layout-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@carely.demo`;
  await page.goto("/admin/staff");
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Электронная почта").fill(email);
  await form.getByRole("button", { name: /Пригласить|Отправить/ }).click();
  await expect(page.getByText(email).first()).toBeVisible();
  let link = "";
  await expect(async () => {
    await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
    const text = await page.getByTestId("outbox-text").first().innerText({ timeout: 1_000 });
    link = /\/login\/staff\/invite\/[\w-]+/.exec(text)?.[0] ?? "";
    expect(link, `an invite link in the outbox for ${email}`).not.toBe("");
  }).toPass({ timeout: 15_000 });
  return link;
}

test("the signed-out pages fit from 360 to 1440 px, with 44-px tap targets on the phone", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await checkPages(page, ["/", "/login", "/login/staff", "/privacy-policy"], LAYOUT_WIDTHS, { tapTargets: true });
  await checkPages(page, ["/login/staff/invite/not-a-real-token"], LAYOUT_WIDTHS);
  await context.close();
});

test("the shopper's pages fit from 360 to 1440 px, with 44-px tap targets on the phone", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signInShopper(page);
  const requestId = await fileReviewRequest(page);
  const prize = await firstLink(page, "/cabinet/prizes", /^\/cabinet\/prizes\/\d+$/);
  const pages = ["/cabinet", "/cabinet/requests", "/cabinet/requests/new", `/cabinet/requests/${requestId}`, "/cabinet/prizes", prize, "/cabinet/orders", "/cabinet/privacy"];
  await checkPages(page, pages, LAYOUT_WIDTHS, { tapTargets: true });
  await context.close();
});

test("every staff page fits from 360 to 1920 px, for each role, and so does a valid invite's page", async ({ browser }) => {
  test.setTimeout(360_000);
  const shopperContext = await newContext(browser);
  const shopper = await shopperContext.newPage();
  await signInShopper(shopper);
  const requestId = await fileReviewRequest(shopper);
  await shopperContext.close();

  for (const [account, home, pages] of [
    [DEMO.moderator, /\/moderation$/, ["/moderation", "/moderation/quick", `/moderation/requests/${requestId}`]],
    [DEMO.staff, /:\d+\/staff$/, ["/staff", "/staff/figures", "/staff/orders", "/staff/prizes", "/staff/prizes/new", "/staff/products"]],
    [
      DEMO.admin,
      /\/moderation$/,
      ["/moderation", "/admin", "/admin/staff", "/admin/settings", "/admin/points", "/admin/audit", "/admin/calendar", "/admin/templates", "/admin/outbox", "/admin/privacy"],
    ],
  ] as const) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInStaff(page, account);
    await expect(page).toHaveURL(home);
    // A prize's page (the demo catalogue has prizes); an order's page is checked where one is placed.
    const details = account === DEMO.staff ? [await firstLink(page, "/staff/prizes", /^\/staff\/prizes\/\d+$/)] : [];
    await checkPages(page, [...pages, ...details], STAFF_WIDTHS);

    if (account === DEMO.moderator) {
      // The queue's filters stay inside the page's column (its "Найти" once stuck out 156 px at 1440 px).
      await page.goto("/moderation");
      for (const width of STAFF_WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const column = (await page.locator("main").boundingBox())!;
        const find = (await page.getByRole("button", { name: "Найти" }).boundingBox())!;
        expect.soft(find.x + find.width, `"Найти" at ${width} px`).toBeLessThanOrEqual(column.x + column.width);
      }
      // The image viewer's toolbar wraps rather than pushing its buttons off a phone's screen.
      await page.goto(`/moderation/requests/${requestId}`);
      await page.getByTestId("open-viewer").first().click();
      await expect(page.getByTestId("lightbox")).toBeVisible();
      for (const width of STAFF_WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        expect.soft(await controlsOutsideViewport(page, "[data-testid=lightbox]"), `the viewer's controls at ${width} px`).toEqual([]);
      }
    }
    if (account === DEMO.admin) {
      const link = await inviteLink(page);
      const visitor = await newContext(browser);
      const invitePage = await visitor.newPage();
      await invitePage.goto(link);
      await expect(invitePage.locator("input[type=password]").first()).toBeVisible();
      await expectFitsAt(invitePage, LAYOUT_WIDTHS, "a valid invite's page");
      await visitor.close();
    }
    await context.close();
  }
});
