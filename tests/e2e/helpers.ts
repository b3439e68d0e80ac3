import { type Browser, type Page, expect } from "@playwright/test";

export const DEMO = {
  moderator: { email: "moderator@carely.demo", password: "carely-moderator-2026" },
  staff: { email: "staff@carely.demo", password: "carely-staff-2026" },
  admin: { email: "admin@carely.demo", password: "carely-admin-2026" },
};

/** A fresh valid mobile per test, written the way a shopper might type it. */
export function randomPhone(): { typed: string; e164: string } {
  const rest = Math.floor(Math.random() * 10_000_000).toString().padStart(7, "0");
  return { typed: `8 (902) ${rest.slice(0, 3)}-${rest.slice(3, 5)}-${rest.slice(5)}`, e164: `+7902${rest}` };
}

/** Reads the newest sign-in code for a phone from the development outbox, as a developer would. */
export async function readCodeFromOutbox(page: Page, e164: string): Promise<string> {
  const outbox = await page.context().newPage();
  try {
    // The page is a snapshot: reload until the message is there, as a developer would.
    let code: string | undefined;
    await expect(async () => {
      await outbox.goto(`/dev/outbox?to=${encodeURIComponent(e164)}`);
      const text = await outbox.getByTestId("outbox-text").first().innerText({ timeout: 1_000 });
      code = /\b(\d{6})\b/.exec(text)?.[1];
      expect(code, `a code in the outbox for ${e164}`).toBeTruthy();
    }).toPass({ timeout: 15_000 });
    return code!;
  } finally {
    await outbox.close();
  }
}

export async function signInShopper(page: Page, phone = randomPhone()): Promise<{ e164: string }> {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(phone.typed);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  const code = await readCodeFromOutbox(page, phone.e164);
  await page.getByLabel("Код из SMS").fill(code);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/cabinet$/);
  return { e164: phone.e164 };
}

export async function signInStaff(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/login/staff");
  await page.getByLabel("Электронная почта").fill(account.email);
  await page.getByLabel("Пароль").fill(account.password);
  await page.getByRole("button", { name: "Войти" }).click();
}

/** Runs `run` as a staff member in a browser context of their own, beside the shopper's (`baseURL`: another instance's). */
export async function asStaffMember(
  browser: Browser,
  account: { email: string; password: string },
  home: RegExp,
  run: (page: Page) => Promise<void>,
  { baseURL }: { baseURL?: string } = {},
): Promise<void> {
  // An explicit `baseURL: undefined` would replace the config's, so the key is there only when given.
  const context = await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow", ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  try {
    await signInStaff(page, account);
    await expect(page).toHaveURL(home);
    await run(page);
  } finally {
    await context.close();
  }
}
