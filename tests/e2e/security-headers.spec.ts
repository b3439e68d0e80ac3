import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const NONCE = /script-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'/;

/** The sign-in page with an inline script an attacker got into its HTML, and the portal's real headers. */
async function injectScriptWithoutNonce(page: Page): Promise<void> {
  await page.route(/\/login$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</head>", "<script>window.injected = true</script></head>");
    await route.fulfill({ response, body: html });
  });
}

test("pages carry a nonce-based CSP with a new nonce per response, Next.js stamps it on its scripts, COOP is set and HSTS is not over http", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const policy = first.headers()["content-security-policy"]!;
  expect(policy).toMatch(NONCE);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  const nonce = NONCE.exec(policy)![1]!;
  expect(NONCE.exec(second.headers()["content-security-policy"]!)![1]).not.toBe(nonce);

  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  for (const response of [first, await request.get("/api/auth/session")]) {
    expect(response.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
});

test("an inline script without the nonce is blocked, and the violation is reported to the guard", async ({ page, cspViolations }) => {
  await injectScriptWithoutNonce(page);
  await page.goto("/login");
  // The portal's own scripts ran: the form answers in the page.
  await page.getByRole("textbox", { name: "Номер телефона" }).fill("12345");
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByTestId("field-error")).toContainText("согласие");
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  await expect.poll(() => cspViolations.seen.length).toBe(1);
  expect(cspViolations.take()).toEqual([expect.stringMatching(/inline script.*script-src/)]);
});

test("the guard fails a journey that meets a violation nobody expected", async ({ page, cspViolations }) => {
  await injectScriptWithoutNonce(page);
  await page.goto("/login");
  await expect.poll(() => cspViolations.seen.length).toBe(1);
  // Only now, with the violation seen and left unclaimed: from here the guard's check after the test is
  // the one thing that can fail it, and must (an unexpected pass is reported as a failure).
  test.fail(true, "the CSP guard fails this test after it");
});

test("the console guard fails a journey that meets a console error nobody allowed", async ({ page, pageErrors }) => {
  await page.goto("/login");
  await page.evaluate(() => console.error("an error nobody expected"));
  await expect.poll(() => pageErrors.seen.length).toBe(1);
  test.fail(true, "the console guard fails this test after it");
});

test("an error a journey provokes on purpose is let through once it is allowed", async ({ page, pageErrors }) => {
  pageErrors.allow(/provoked on purpose/, "this test writes it itself");
  await page.goto("/login");
  await page.evaluate(() => console.error("provoked on purpose"));
  await expect.poll(() => pageErrors.seen.length).toBe(1);
});

test("every journey runs under the guard", async () => {
  const specs = (await readdir(import.meta.dirname)).filter((name) => name.endsWith(".spec.ts"));
  expect(specs.length).toBeGreaterThan(1);
  for (const spec of specs) {
    const source = await readFile(path.join(import.meta.dirname, spec), "utf8");
    expect(source, spec).toMatch(/^import \{[^}]*\btest\b[^}]*\} from "\.\/fixtures";$/m);
    expect(source, spec).not.toMatch(/^import \{[^}]*(?<!type )\btest\b[^}]*\} from "@playwright\/test";$/m);
  }
});
