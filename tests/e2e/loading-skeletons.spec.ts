import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, sendNewRequest, signInShopper } from "./helpers";
import { uniqueScreenshot } from "./support/unique-screenshot";

// The cabinet, the queue and the figures show their loading.tsx skeleton at once when a link is tapped on a
// slow connection, instead of a page that seems to ignore the tap. The page itself is held back here: the
// router's prefetch (which brings the skeleton) goes through, the navigation's own request waits.

const HOLD_MS = 2_000;

/** Holds every navigation request for `pathname` (not its prefetch) for HOLD_MS. */
async function slowDown(page: Page, pathname: string): Promise<void> {
  await page.route(
    (url) => url.pathname === pathname && url.searchParams.has("_rsc"),
    async (route) => {
      if (!route.request().headers()["next-router-prefetch"]) await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      await route.continue();
    },
  );
}

/** Taps the link and expects the skeleton, announced by its label, then the page. */
async function expectSkeletonThenPage(page: Page, link: string | RegExp, label: string, heading: RegExp): Promise<void> {
  await page.getByRole("link", typeof link === "string" ? { name: link, exact: true } : { name: link }).first().click();
  const skeleton = page.getByTestId("page-skeleton");
  await expect(skeleton).toBeVisible();
  await expect(skeleton).toContainText(label);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible({ timeout: HOLD_MS + 10_000 });
  await expect(skeleton).toBeHidden();
}

test("the cabinet shows its skeleton while a slow page loads", async ({ page }) => {
  await signInShopper(page);
  await slowDown(page, "/cabinet/orders");
  // The router prefetches the links in view; the skeleton comes with that prefetch.
  await page.waitForLoadState("networkidle");
  await expectSkeletonThenPage(page, "Заказы", "Загружаем кабинет…", /Мои заказы/);
});

test("the queue and the figures show their skeletons while a slow page loads", async ({ page, browser }) => {
  // A request to open, so the moderator can go back from it to the queue (a tab of the queue is the same
  // page with other search parameters: React keeps showing the page while it loads, no skeleton).
  await signInShopper(page);
  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/skeleton-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(await uniqueScreenshot());
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());

  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.goto(`/moderation/requests/${requestId}`);
    await slowDown(moderator, "/moderation");
    await moderator.waitForLoadState("networkidle");
    await expectSkeletonThenPage(moderator, "← Очередь", "Загружаем очередь заявок…", /Очередь заявок/);
  });
  await asStaffMember(browser, DEMO.staff, /\/staff$/, async (staff) => {
    await slowDown(staff, "/staff/figures");
    await staff.waitForLoadState("networkidle");
    await expectSkeletonThenPage(staff, "Показатели", "Считаем показатели…", /Показатели программы/);
  });
});
