import { expect, test } from "./fixtures";
import { DEMO, signInShopper, signInStaff } from "./helpers";

test("a moderator signs in and sees the queue", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 403/, "the brand area refuses the moderator with 403 on purpose");
  await signInStaff(page, DEMO.moderator);
  await expect(page).toHaveURL(/\/moderation$/);
  await expect(page.getByRole("heading", { name: "Очередь заявок" })).toBeVisible();
  // A moderator is not brand staff.
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Нет доступа к этому разделу" })).toBeVisible();
});

test("a wrong staff password gets a clear message", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 401 .*\/api\/auth\/callback\/staff-password/, "next-auth answers a wrong password with 401");
  await signInStaff(page, { email: DEMO.staff.email, password: "wrong-password" });
  await expect(page.getByTestId("form-error")).toContainText("Неверная почта или пароль");
  await expect(page).toHaveURL(/\/login\/staff$/);
});

test("brand staff and the administrator reach their areas", async ({ page }) => {
  await signInStaff(page, DEMO.staff);
  await expect(page).toHaveURL(/:\d+\/staff$/);
  await expect(page.getByRole("heading", { name: "Каталог" })).toBeVisible();
  await expect(page.getByText("Косметичка Carely")).toBeVisible();
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login\/staff$/);

  await signInStaff(page, DEMO.admin);
  await expect(page).toHaveURL(/\/moderation$/);
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Каталог" })).toBeVisible();
});

test("a shopper is refused on staff URLs", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 403/, "the refused staff pages answer 403 on purpose");
  await signInShopper(page);
  for (const url of ["/moderation", "/staff"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Нет доступа к этому разделу" })).toBeVisible();
    await expect(page.getByText("Очередь заявок")).toHaveCount(0);
  }
});

test("strangers are sent to sign in", async ({ page }) => {
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/moderation");
  await expect(page).toHaveURL(/\/login\/staff$/);
});
