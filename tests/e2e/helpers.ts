import { type Browser, type Page, expect } from "@playwright/test";
import pg from "pg";

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

/**
 * Every journey's shopper asks for a code from 127.0.0.1, so the suite would spend one network's hourly code
 * allowance (the attack specs test that limit on purpose): each journey's sign-in starts with it afresh.
 */
async function freshNetworkCodeAllowance(): Promise<void> {
  if (!process.env.E2E_DATABASE_URL) return;
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query("DELETE FROM rate_limit_hits WHERE bucket = 'otp-ip'");
  } finally {
    await client.end();
  }
}

export async function signInShopper(page: Page, phone = randomPhone()): Promise<{ e164: string }> {
  await freshNetworkCodeAllowance();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(phone.typed);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  const code = await readCodeFromOutbox(page, phone.e164);
  // The sixth digit signs in: no tap on "Войти".
  await page.getByLabel("Код из SMS").fill(code);
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

/**
 * Sends the new-request form and waits for the request's page. The journeys reuse fixture screenshots and
 * receipts (and CI retries a journey), so the form may have found a repeat and ask first: confirmed as a
 * shopper who sends anyway would (tests/e2e/request-duplicates.spec.ts tests the question itself).
 */
export async function sendNewRequest(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  // The form waits for its uploads first (a 3000×4000 photo is still being checked by the server on a
  // loaded machine when the browser's own scan has already read it), so the answer may take a while, and a
  // repeat found meanwhile is asked about then: the button turns into "Всё равно отправить".
  const status = page.getByTestId("request-status");
  const sendAnyway = page.getByRole("button", { name: "Всё равно отправить" });
  for (let question = 0; question < 3; question++) {
    await expect(sendAnyway.or(status)).toBeVisible({ timeout: 45_000 });
    if (await status.isVisible()) break;
    await sendAnyway.click();
    // "Отправляем…", or "Отправим, когда загрузятся фото…" if an upload is still running.
    await expect(sendAnyway).toBeHidden();
  }
  await expect(page).toHaveURL(/\/cabinet\/requests\/\d+$/, { timeout: 30_000 });
}

/** The administrator sets the points for a new review, and sees the saved value after a reload. */
export async function setReviewPoints(admin: Page, points: number): Promise<void> {
  await admin.goto("/admin/settings");
  const form = admin.getByTestId("settings-form");
  await form.getByLabel("Баллы за отзыв", { exact: true }).fill(String(points));
  await form.getByRole("button", { name: "Сохранить настройки" }).click();
  await expect(form.getByTestId("form-success")).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId("settings-form").getByLabel("Баллы за отзыв", { exact: true })).toHaveValue(String(points));
}

/** Approves one part on the decision page. An approval waits 10 s for "Отменить"; here it is sent at once. */
export async function approvePart(moderator: Page, kind: "review" | "receipt"): Promise<void> {
  await moderator.getByTestId(`decision-${kind}`).getByRole("button", { name: /Одобрить/ }).click();
  await moderator.getByTestId("approval-toast").getByRole("button", { name: "Отправить сейчас" }).click();
}
