import { expect, test } from "./fixtures";
import { randomPhone, readCodeFromOutbox, signInShopper } from "./helpers";

test("a shopper signs in by phone with the code from the outbox and lands in the cabinet", async ({ page }) => {
  await signInShopper(page);
  await expect(page.getByTestId("balance")).toContainText("0");
  await expect(page.getByText("История баллов")).toBeVisible();

  // The session survives a reload, and signing out returns to the sign-in page.
  await page.reload();
  await expect(page.getByTestId("balance")).toBeVisible();
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("malformed phones, missing consent and wrong codes get clear messages without losing input", async ({ page }) => {
  await page.goto("/login");
  const phoneField = page.getByRole("textbox", { name: "Номер телефона" });
  await phoneField.fill("12345");
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("form-error")).toContainText("согласие");

  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("form-error")).toContainText("российский мобильный номер");
  await expect(phoneField).toHaveValue("12345");

  const phone = randomPhone();
  await phoneField.fill(phone.typed);
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  const code = await readCodeFromOutbox(page, phone.e164);
  const wrong = code === "000000" ? "111111" : "000000";
  for (let left = 4; left >= 1; left -= 1) {
    await page.getByLabel("Код из SMS").fill(wrong);
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page.getByTestId("form-error")).toContainText(`Неверный код. Осталось ${left}`.replace("Осталось 1", "Осталась 1"));
  }
  await page.getByLabel("Код из SMS").fill(wrong);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Попытки закончились");
  // The right code no longer works once locked.
  await page.getByLabel("Код из SMS").fill(code);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Запросите новый код");
  await expect(page).toHaveURL(/\/login$/);

  // Asking again inside 60 s is refused with the wait.
  await page.getByRole("button", { name: "Изменить номер" }).click();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Новый можно запросить через");
});
