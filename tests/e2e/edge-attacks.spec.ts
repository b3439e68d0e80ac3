import { request as httpRequest } from "node:http";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import pg from "pg";
import { DEMO, randomPhone, readCodeFromOutbox, signInShopper } from "./helpers";
import { type PortalInstance, startPortalInstance } from "./support/portal-instance";

// Black-box attacks over HTTP on the production build, as someone on the internet would try them.
// Two extra portal processes share the suite's database: one as deployed with no proxy (TRUST_PROXY unset)
// and one behind a single trusted proxy (TRUST_PROXY=1).

test.describe.configure({ mode: "serial" });

let direct: PortalInstance;
let behindProxy: PortalInstance;

test.beforeAll(async () => {
  // Beside the suite's own port, so that two suites on one machine keep apart.
  const base = Number(process.env.E2E_PORT ?? 3100);
  [direct, behindProxy] = await Promise.all([startPortalInstance(base + 10), startPortalInstance(base + 11, { TRUST_PROXY: "1" })]);
});

test.afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
  // The attacks spent 127.0.0.1's sign-in allowances; the journeys after this file start afresh.
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  await client.query("DELETE FROM rate_limit_hits");
  await client.end();
});

/** The request the sign-in form sends for a code (a server action), captured so that a script can replay it. */
async function captureCodeRequest(page: Page, baseUrl: string): Promise<{ url: string; headers: Record<string, string>; body: string; typed: string }> {
  const phone = randomPhone();
  await page.goto(`${baseUrl}/login`);
  const field = page.getByRole("textbox", { name: "Номер телефона" });
  await field.fill(phone.typed);
  // The field formats the number as typed: the request carries what the field shows.
  const typed = await field.inputValue();
  await page.getByRole("checkbox").check();
  const [sent] = await Promise.all([
    page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "Получить код" }).click(),
  ]);
  const headers = Object.fromEntries(Object.entries(sent.headers()).filter(([name]) => ["next-action", "content-type", "accept", "next-router-state-tree"].includes(name)));
  return { url: sent.url(), headers, body: sent.postData() ?? "", typed };
}

/** Replays the code request for a phone from a script with no cookies (a new browser each time). */
async function requestCode(captured: Awaited<ReturnType<typeof captureCodeRequest>>, phoneTyped: string, forwardedFor: string): Promise<boolean> {
  return (await requestCodeAs(captured, phoneTyped, forwardedFor)).sent;
}

async function requestCodeAs(captured: Awaited<ReturnType<typeof captureCodeRequest>>, phoneTyped: string, forwardedFor: string): Promise<{ sent: boolean; cookie: string }> {
  const response = await fetch(captured.url, {
    method: "POST",
    headers: { ...captured.headers, "x-forwarded-for": forwardedFor },
    body: captured.body.replace(captured.typed, phoneTyped),
  });
  const cookie = response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  return { sent: (await response.text()).includes('"ok":true'), cookie };
}

/** next-auth's credentials sign-in as a script does it: the CSRF token, then the provider's callback. */
async function credentialsSignIn(baseUrl: string, provider: string, fields: Record<string, string>, forwardedFor: string, cookie = ""): Promise<"signed-in" | string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { "x-forwarded-for": forwardedFor, cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = [cookie, ...csrf.headers.getSetCookie().map((line) => line.split(";")[0])].filter(Boolean).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/${provider}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookies, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor, "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ csrfToken, ...fields, json: "true" }),
  });
  if (response.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token="))) return "signed-in";
  const answer = (await response.json().catch(() => ({}))) as { url?: string };
  return new URL(answer.url ?? response.headers.get("location") ?? "http://x/?error=unknown").searchParams.get("error") ?? "unknown";
}

test("SMS pumping: 50 code requests with 50 different X-Forwarded-For values from one socket get at most 20 codes", async ({ page }) => {
  const captured = await captureCodeRequest(page, direct.url);
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  let sent = 0;
  for (let i = 0; i < 50; i += 1) {
    if (await requestCode(captured, randomPhone().typed, `198.18.${i}.${i + 1}`)) sent += 1;
  }
  // The socket's 20 codes an hour (the browser above may have come over ::1, a socket of its own).
  expect(sent).toBeLessThanOrEqual(20);
  expect(sent).toBeGreaterThan(0);
  console.log(`[attack] forged X-Forwarded-For, TRUST_PROXY unset: ${sent} of 50 codes sent`);
});

test("behind one trusted proxy a forged leading X-Forwarded-For entry changes nothing", async ({ page }) => {
  const captured = await captureCodeRequest(page, behindProxy.url);
  let sent = 0;
  for (let i = 0; i < 50; i += 1) {
    // The client forged the first entry; the proxy appended the address it saw.
    if (await requestCode(captured, randomPhone().typed, `10.${i}.0.1, 192.0.2.77`)) sent += 1;
  }
  expect(sent).toBe(20);
  console.log(`[attack] forged leading entry, TRUST_PROXY=1: ${sent} of 50 codes sent`);
});

/** Sends `total` bytes of file as a chunked multipart upload, as fast as the server reads, until it answers. */
function chunkedUpload(url: string, cookie: string, total: number): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  const boundary = "----carely-attack";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nSCREENSHOT\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const chunk = Buffer.alloc(256 * 1024, 0xff);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest(`${url}/api/uploads`, {
      method: "POST",
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => (body += part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body, sentWhenAnswered });
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.write(head);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end(Buffer.from(`\r\n--${boundary}--\r\n`));
    };
    pump();
  });
}

test("a chunked 60 MB upload is refused with the clear message before it is sent, and the server's memory barely moves", async ({ page }) => {
  await signInShopper(page);
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const total = 60 * 1024 * 1024;
  // The first attack loads the route and grows the server's buffers once; the second is measured.
  const cold = direct.rssBytes();
  const first = await chunkedUpload(direct.url, cookie, total);
  expect(first.status).toBe(413);
  const baseline = direct.rssBytes();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, direct.rssBytes())), 20);
  const outcome = await chunkedUpload(direct.url, cookie, total);
  clearInterval(sampler);
  peak = Math.max(peak, direct.rssBytes());

  expect(outcome.status).toBe(413);
  expect(JSON.parse(outcome.body)).toMatchObject({ ok: false, message: "Файл больше 20 МБ. Уменьшите фото или сделайте скриншот." });
  expect(outcome.sentWhenAnswered).toBeLessThan(total);
  const grewMb = (peak - baseline) / 1024 / 1024;
  console.log(`[attack] chunked 60 MB upload: answered after ${(outcome.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB sent; server RSS +${grewMb.toFixed(1)} MB at peak (first attack on the fresh process: answered after ${(first.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB, RSS +${((baseline - cold) / 1024 / 1024).toFixed(1)} MB)`);
  expect(grewMb).toBeLessThan(30);
});

test("50 wrong staff passwords from other addresses: the owner signs in from their own address at once", async () => {
  const outcomes: string[] = [];
  for (let i = 0; i < 50; i += 1) outcomes.push(await credentialsSignIn(behindProxy.url, "staff-password", { email: DEMO.moderator.email, password: `wrong-password-${i}` }, `203.0.113.${i + 1}`));
  expect(outcomes.every((outcome) => outcome === "Неверная почта или пароль.")).toBe(true);
  expect(await credentialsSignIn(behindProxy.url, "staff-password", DEMO.moderator, "198.51.100.200")).toBe("signed-in");
});

test("a shopper whose phone took the worst the limits allow signs in from their own phone at once", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { e164 } = await signInShopper(page);
  const ownCodeAt = Date.now();
  const typed = `+7 ${e164.slice(2, 5)} ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10)}`;
  // The attacker: codes for the phone from new browsers on new addresses, each guessed until refused.
  const attacker = await browser.newContext({ baseURL: behindProxy.url });
  const captured = await captureCodeRequest(await attacker.newPage(), behindProxy.url);
  await attacker.close();
  const guesses: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const forwardedFor = `192.0.2.${i + 10}`;
    const { sent, cookie } = await requestCodeAs(captured, typed, forwardedFor);
    if (!sent) continue;
    for (let guess = 0; guess < 5; guess += 1) {
      guesses.push(await credentialsSignIn(behindProxy.url, "phone-otp", { phone: e164, code: String(100_000 + guess), consent: "true" }, forwardedFor, cookie));
    }
  }
  // The phone's allowance of codes for new browsers (3 per 15 minutes, one of them the owner's first sign-in)
  // and its budget of wrong codes (10 per 15 minutes) are both spent.
  expect(guesses.filter((outcome) => outcome.startsWith("Неверный код"))).toHaveLength(10);
  expect(await requestCode(captured, typed, "192.0.2.99")).toBe(false);

  // The owner signed out and comes back on the same phone: at once, but for the browser's own rule of one
  // code a minute, counted from the code it signed in with.
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await page.waitForTimeout(Math.max(0, ownCodeAt + 61_000 - Date.now()));
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(typed);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  await page.getByLabel("Код из SMS").fill(await readCodeFromOutbox(page, e164));
  await expect(page).toHaveURL(/\/cabinet$/);
});
