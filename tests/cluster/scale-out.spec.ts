import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import pg from "pg";
import { expect, test } from "../e2e/fixtures";
import { DEMO, approvePart, asStaffMember, randomPhone } from "../e2e/helpers";
import { clusterInfo } from "./cluster-info";
import { FIXTURES_DIR as FIXTURES } from "../support/fixtures";
import { fetchSentEmails, refuseSends } from "./email-sink";

// Proof of scale-out: two web instances from the production build (A and B) on one PostgreSQL and one
// object store, with one job worker. A load balancer may send any request to any instance, so the journey
// moves between them on purpose, then kills B with SIGKILL mid-step and finishes on A.
//
// Sessions cross instances the way they would behind a balancer: cookies belong to the host, not the port,
// so one browser context carries the same session to localhost:A and localhost:B.

const review = (name: string) => path.join(FIXTURES, "reviews", name);
const receipt = (name: string) => path.join(FIXTURES, "receipts", name);
const BROWSER_CONTEXT = { locale: "ru-RU", timezoneId: "Europe/Moscow" } as const;

const cluster = clusterInfo();
const [A, B] = cluster.webUrls as [string, string];
const db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
test.afterAll(() => db.end());

/** The newest sign-in code for a phone, read from the outbox table: production instances have no /dev/outbox. */
async function smsCode(e164: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const { rows } = await db.query<{ text: string }>("SELECT text FROM outbox_messages WHERE channel = 'SMS' AND recipient = $1 ORDER BY id DESC LIMIT 1", [e164]);
      code = /\b(\d{6})\b/.exec(rows[0]?.text ?? "")?.[1];
      return code;
    }, { message: `a sign-in code for ${e164}`, timeout: 15_000 })
    .toBeTruthy();
  return code!;
}

async function signInShopperOn(page: Page, base: string): Promise<string> {
  const phone = randomPhone();
  await page.goto(`${base}/login`);
  await page.getByRole("textbox", { name: "Номер телефона" }).fill(phone.typed);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Мы отправили SMS с кодом")).toBeVisible();
  // The sixth digit signs in: no tap on "Войти" (the button is busy by then).
  await page.getByLabel("Код из SMS").fill(await smsCode(phone.e164));
  await expect(page).toHaveURL(`${base}/cabinet`);
  return phone.e164;
}

/** Every image on the page has loaded and decoded (not a broken-image placeholder). */
async function expectImagesShown(page: Page, scope: string, count: number): Promise<void> {
  const images = page.getByTestId(scope).locator("img");
  await expect(images).toHaveCount(count);
  await expect
    .poll(() => images.evaluateAll((elements) => elements.filter((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0).length), {
      message: `decoded images in ${scope}`,
    })
    .toBe(count);
}

async function fillRequestForm(page: Page, base: string, screenshots: string[], receiptPhoto: string | null): Promise<void> {
  await page.goto(`${base}/cabinet/requests/new`);
  await page.getByLabel("Продукт").selectOption({ label: "Сыворотка с витамином C 15%" });
  await page.getByLabel("Ссылка на отзыв").fill(`https://irecommend.ru/content/cluster-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await page.getByTestId("screenshots-input").setInputFiles(screenshots);
  await expect(page.getByTestId("screenshots").locator('[data-status="done"]')).toHaveCount(screenshots.length);
  if (receiptPhoto) {
    await page.getByTestId("receipt-input").setInputFiles(receiptPhoto);
    await expect(page.getByTestId("receipt-verdict")).toContainText("Чек распознан");
  }
}

function filesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, encoding: "utf8" }).filter((entry) => statSync(path.join(directory, entry)).isFile());
  } catch {
    return [];
  }
}

test("two web instances and one worker: sign in on A, file on B, approve on A, order on B, the worker emails the code once; B killed mid-step, A finishes with nothing lost", async ({ browser, pageErrors }) => {
  const shopper = await browser.newContext(BROWSER_CONTEXT);
  const page = await shopper.newPage();
  const email = `cluster-${Date.now()}@example.ru`;
  let phone = "";
  let requestId = 0;
  let orderId = 0;

  await test.step("the shopper signs in on A", async () => {
    phone = await signInShopperOn(page, A);
  });

  await test.step("on B, with A's session, the shopper uploads two screenshots and a receipt photo and files", async () => {
    await fillRequestForm(page, B, [review("review-01-irecommend.png"), review("review-02-irecommend-dark.jpg")], receipt("photo-013.jpg"));
    await expect(page).toHaveURL(`${B}/cabinet/requests/new`);
    await page.getByRole("button", { name: "Отправить заявку" }).click();
    await expect(page).toHaveURL(new RegExp(`^${B}/cabinet/requests/\\d+$`));
    requestId = Number(page.url().split("/").pop());
    await expect(page.getByTestId("request-status")).toHaveText("Ожидает проверки");
    await expectImagesShown(page, "part-review", 2);
    // Through the bucket, not an instance's own disk.
    expect(filesUnder(cluster.storage.directory).length, "objects in the S3 server's directory").toBeGreaterThanOrEqual(3);
    for (const name of ["web-a", "web-b"]) expect(filesUnder(path.join(cluster.dataDir, `uploads-${name}`)), `files on ${name}'s local disk`).toEqual([]);
  });

  await test.step("a moderator on A sees the images uploaded through B and approves both parts", async () => {
    await asStaffMember(browser, DEMO.moderator, /\/moderation$/, async (moderator) => {
      await moderator.goto(`/moderation/requests/${requestId}`);
      await expectImagesShown(moderator, "moderation-part-review", 2);
      await expectImagesShown(moderator, "moderation-part-receipt", 1);
      await approvePart(moderator, "receipt");
      await expect(moderator.getByTestId("decision-receipt")).toHaveCount(0);
      await approvePart(moderator, "review");
      await expect(moderator).not.toHaveURL(new RegExp(`/moderation/requests/${requestId}$`));
    }, { baseURL: A });
  });

  await test.step("on B the shopper has 600 points and orders a 300-point digital prize", async () => {
    await page.goto(`${B}/cabinet`);
    await expect(page.getByTestId("balance")).toContainText("600");
    await page.goto(`${B}/cabinet/prizes`);
    await page.getByTestId("prize-card").filter({ hasText: "Промокод −20%" }).click();
    await page.getByLabel("Email для кода").fill(email);
    await page.getByTestId("place-order").click();
    await expect(page).toHaveURL(new RegExp(`^${B}/cabinet/orders/\\d+`));
    orderId = Number(new URL(page.url()).pathname.split("/").pop());
  });

  await test.step("staff approve the order on A, whose own send of the code fails (provider outage for A)", async () => {
    // A sends the email right after its response; refused, the row waits for its retry, which only the worker's
    // outbox sweep makes (web instances run no jobs). Checked at the end, while the journey goes on meanwhile.
    await refuseSends(cluster.emailSinkUrl, "web-a", 1);
    await asStaffMember(browser, DEMO.staff, /:\d+\/staff$/, async (staff) => {
      await staff.goto(`/staff/orders/${orderId}`);
      await staff.getByTestId("approve-order").click();
      await expect(staff.getByTestId("approve-order")).toHaveCount(0);
    }, { baseURL: A });
  });

  await test.step("B is killed (SIGKILL) while the shopper's upload to it is in flight", async () => {
    pageErrors.allow(/ERR_CONNECTION_REFUSED \(http:\/\/localhost:\d+\/api\/uploads\)/, "the upload to B is in flight when B is killed on purpose");
    pageErrors.allow(
      /ERR_(INCOMPLETE_CHUNKED_ENCODING|CONNECTION_REFUSED|EMPTY_RESPONSE) \(http:\/\/localhost:\d+\/[^)]*[?&]_rsc=/,
      "a link prefetch streaming from B is cut when B is killed on purpose",
    );
    await page.goto(`${B}/cabinet/requests/new`);
    // Let the page's link prefetches finish first, so the kill cuts only the upload it is aimed at.
    await page.waitForLoadState("networkidle");
    let arrived!: () => void;
    const uploadArrived = new Promise<void>((resolve) => (arrived = resolve));
    await page.route(`${B}/api/uploads`, async (route) => {
      arrived();
      // B dies with the request held; passing it on then reaches a dead server.
      process.kill(cluster.webPids[1]!, "SIGKILL");
      await expect.poll(() => isAlive(cluster.webPids[1]!)).toBe(false);
      await route.continue().catch(() => {});
    });
    await page.getByTestId("screenshots-input").setInputFiles(review("review-03-ozon.png"));
    await uploadArrived;
    await expect(page.getByTestId("screenshots").locator('[data-status="failed"]')).toHaveCount(1, { timeout: 15_000 });
    await expect.poll(() => fetch(`${B}/login`).then(() => "up", () => "down")).toBe("down");
  });

  await test.step("on A the same session works, and everything done on B is there", async () => {
    await page.goto(`${A}/cabinet`);
    await expect(page).toHaveURL(`${A}/cabinet`);
    await expect(page.getByTestId("balance")).toContainText("300");
    await page.goto(`${A}/cabinet/requests/${requestId}`);
    await expect(page.getByTestId("request-status")).toHaveText("Одобрена");
    await expectImagesShown(page, "part-review", 2);
    await page.goto(`${A}/cabinet/orders/${orderId}`);
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "APPROVED");
  });

  await test.step("the shopper files the next request on A", async () => {
    await fillRequestForm(page, A, [review("review-03-ozon.png")], null);
    await page.getByRole("button", { name: "Отправить заявку" }).click();
    await expect(page).toHaveURL(new RegExp(`^${A}/cabinet/requests/\\d+$`));
    await page.goto(`${A}/cabinet/requests`);
    await expect(page.getByTestId("request-list").locator("li")).toHaveCount(2);
  });

  await test.step("the ledger balances, one order, and the worker sent the email exactly once", async () => {
    const { rows: [shopperRow] } = await db.query<{ id: number; points_balance: number }>("SELECT id, points_balance FROM users WHERE phone = $1", [phone]);
    const { rows: ledger } = await db.query<{ kind: string; amount: number; balance_after: number }>(
      "SELECT kind, amount, balance_after FROM ledger_entries WHERE customer_id = $1 ORDER BY id",
      [shopperRow!.id],
    );
    expect(ledger.map((entry) => [entry.kind, entry.amount])).toEqual(
      expect.arrayContaining([["RECEIPT_APPROVED", 100], ["REVIEW_APPROVED", 500], ["PRIZE_ORDER", -300]]),
    );
    expect(ledger).toHaveLength(3);
    expect(ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(300);
    expect(ledger.at(-1)!.balance_after).toBe(300);
    expect(shopperRow!.points_balance).toBe(300);
    const { rows: orders } = await db.query("SELECT id FROM prize_orders WHERE customer_id = $1", [shopperRow!.id]);
    expect(orders).toHaveLength(1);

    const delivered = async () => (await fetchSentEmails(cluster.emailSinkUrl)).filter((message) => message.to.includes(email) && message.accepted);
    // Up to about 2.5 minutes after A's attempt: the retry is due at +1 min, and pg-boss fires an every-minute
    // schedule from a 30 s cron check that can miss a beat (seen: the sweep ran 3 s before the retry was due,
    // and the next one 80 s later).
    await expect.poll(async () => (await delivered()).length, { message: "the code's email accepted by the provider", timeout: 200_000, intervals: [2_000] }).toBeGreaterThan(0);
    const attempts = (await fetchSentEmails(cluster.emailSinkUrl)).filter((message) => message.to.includes(email));
    // Normally A's refused attempt, then the worker's; the worker alone when its sweep claimed the row before A did.
    expect(attempts.filter((message) => !message.accepted).map((message) => message.sender), "refused sends").toEqual(attempts.length === 2 ? ["web-a"] : []);
    // The provider accepts before the worker records SENT: on a loaded machine the row may still say SENDING.
    const outboxRows = async () =>
      (await db.query<{ status: string; attempts: number }>("SELECT status, attempts FROM outbox_messages WHERE channel = 'EMAIL' AND recipient = $1", [email])).rows.map((row) => [row.status, row.attempts]);
    await expect.poll(outboxRows, { message: "one outbox row, one attempt per provider call", timeout: 20_000 }).toEqual([["SENT", attempts.length]]);
    expect((await delivered()).map((message) => message.sender), "accepted sends of the code, by process").toEqual([cluster.workerNames[0]]);
  });

  await shopper.close();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
