import path from "node:path";
import { expect, test } from "./fixtures";
import { DEMO, asStaffMember, sendNewRequest, signInShopper } from "./helpers";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { expectNoSeriousViolations } from "./support/axe";

// axe-core on the pages people spend their time on: no serious or critical violations.

test("sign-in, cabinet, new request, prize, queue, decision page and its viewer have no serious axe violations", async ({ page, browser }) => {
  test.setTimeout(120_000);
  for (const address of ["/login", "/login/staff"]) {
    await page.goto(address);
    await expectNoSeriousViolations(page, address);
  }

  await signInShopper(page);
  await expectNoSeriousViolations(page, "/cabinet");
  await page.goto("/cabinet/requests/new");
  await expectNoSeriousViolations(page, "/cabinet/requests/new");
  await page.goto("/cabinet/prizes");
  await expectNoSeriousViolations(page, "/cabinet/prizes");
  await page.locator('a[href^="/cabinet/prizes/"]').first().click();
  await expect(page).toHaveURL(/\/cabinet\/prizes\/\d+$/);
  await expectNoSeriousViolations(page, "a prize's page");

  await page.goto("/cabinet/requests/new");
  await page.getByLabel("Продукт").selectOption({ index: 1 });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/a11y-${Date.now()}`);
  await page.getByTestId("screenshots-input").setInputFiles(path.join(FIXTURES, "reviews", "review-03-ozon.png"));
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(1);
  await sendNewRequest(page);
  const requestId = Number(page.url().split("/").pop());
  await expectNoSeriousViolations(page, "the shopper's request page");

  await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
    await moderator.setViewportSize({ width: 1280, height: 900 });
    await moderator.goto("/moderation");
    await expectNoSeriousViolations(moderator, "/moderation");
    await moderator.goto(`/moderation/requests/${requestId}`);
    await expectNoSeriousViolations(moderator, "the decision page");

    // The viewer, the key legend and the approval's countdown are what the moderator works in.
    await moderator.getByTestId("moderation-part-review").getByTestId("open-viewer").click();
    await expect(moderator.getByTestId("lightbox")).toBeVisible();
    await expectNoSeriousViolations(moderator, "the image viewer");
    await moderator.keyboard.press("Escape");
    await expect(moderator.getByTestId("lightbox")).toBeHidden();
    await moderator.keyboard.press("Shift+?");
    await expect(moderator.getByTestId("key-legend")).toBeVisible();
    await expectNoSeriousViolations(moderator, "the key legend");
    await moderator.keyboard.press("Escape");
    await expect(moderator.getByTestId("key-legend")).toBeHidden();
    await moderator.getByTestId("decision-review").getByRole("button", { name: /Одобрить/ }).click();
    await expect(moderator.getByTestId("approval-toast")).toBeVisible();
    await expectNoSeriousViolations(moderator, "the approval's countdown");
    await moderator.getByTestId("approval-toast").getByRole("button", { name: "Отменить" }).click();
    await expect(moderator.getByTestId("approval-toast")).toBeHidden();
  });
});
