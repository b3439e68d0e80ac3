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

test("malformed phones, missing consent and wrong codes get clear messages, each next to what it is about", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 401 .*\/api\/auth\/callback\/phone-otp/, "next-auth answers a wrong code with 401");
  await page.goto("/login");
  const phoneField = page.getByRole("textbox", { name: "Номер телефона" });
  const consentBox = page.getByRole("checkbox");

  // A valid phone without the consent: the box is marked, the phone is not.
  const phone = randomPhone();
  await phoneField.pressSequentially(phone.typed.replace(/\D/g, ""));
  // Formatted as typed: 8… becomes +7 …
  await expect(phoneField).toHaveValue(`+7 ${phone.e164.slice(2, 5)} ${phone.e164.slice(5, 8)}-${phone.e164.slice(8, 10)}-${phone.e164.slice(10)}`);
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("field-error")).toHaveText(/согласие/);
  await expect(consentBox).toHaveAttribute("aria-invalid", "true");
  await expect(consentBox).toBeFocused();
  await expect(phoneField).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/sign-in-consent-error.png`, fullPage: true });

  // Ticking the box takes the error away; a malformed phone is then marked under the phone, once.
  await consentBox.check();
  await expect(page.getByTestId("field-error")).toHaveCount(0);
  await phoneField.fill("12345");
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("field-error")).toHaveText(/российский мобильный номер/);
  await expect(phoneField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await expect(phoneField).toHaveValue("+7 123 45");

  await phoneField.fill(phone.typed);
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  const codeField = page.getByLabel("Код из SMS");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  const code = await readCodeFromOutbox(page, phone.e164);
  const wrong = code === "000000" ? "111111" : "000000";
  // Each wrong code is sent at its sixth digit, no tap, and cleared for the next.
  for (let left = 4; left >= 1; left -= 1) {
    await codeField.fill(wrong);
    await expect(page.getByTestId("form-error")).toContainText(`Неверный код. Осталось ${left}`.replace("Осталось 1", "Осталась 1"));
    await expect(codeField).toHaveValue("");
  }
  await codeField.fill(wrong);
  await expect(page.getByTestId("form-error")).toContainText("Попытки закончились");
  // The right code no longer works once locked.
  await codeField.fill(code);
  await expect(page.getByTestId("form-error")).toContainText("Запросите новый код");
  await expect(page).toHaveURL(/\/login$/);

  // Asking again inside 60 s, with this browser's code locked, is refused with the wait.
  await page.getByRole("button", { name: "Изменить номер" }).click();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Новый можно запросить через");
});

test("after a reload, the phone entered again reopens the code step with its countdown, and the code signs in at its sixth digit", async ({ page }) => {
  const phone = randomPhone();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(phone.typed);
  await page.getByRole("checkbox").check();
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/sign-in-phone-step.png`, fullPage: true });
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/sign-in-code-step.png`, fullPage: true });

  await page.reload();
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(phone.typed);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Код уже отправлен на")).toBeVisible();
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Новый код через \d+ с/ })).toBeDisabled();
  const codeField = page.getByLabel("Код из SMS");
  await expect(codeField).toBeFocused();
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/sign-in-code-step-after-reload.png`, fullPage: true });

  // The one SMS sent; its code, typed digit by digit, signs in at the last one.
  await codeField.pressSequentially(await readCodeFromOutbox(page, phone.e164));
  await expect(page).toHaveURL(/\/cabinet$/);
});
