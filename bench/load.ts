// npm run bench:load — the load held by two web instances (issue #12, item 10).
//
// With no --url it starts item 7's two-instance set-up itself (tests/cluster/cluster.ts: a fresh database on
// the machine's PostgreSQL, an S3 server, two web instances from the production build, one worker), drives
// it, checks the ledger in SQL and stops it. With --url a,b it drives running instances and needs --database-url (the
// database they share) to read the SMS codes and run the check; the server action ids come from this
// checkout's production build (.next), which must be the build the instances run. Virtual users over plain HTTP:
//   - shoppers (default 100): each round is a new shopper who signs in by SMS code, uploads two review
//     screenshots and a receipt photo and files a request (a few per cent reuse an earlier review link and
//     receipt, so the "earns once" rules are exercised);
//   - moderators (default 4): take the next request, open it, claim it and decide its parts (approve most,
//     reject some with a comment, reject repeats as such);
//   - orderers (default 20): shoppers with points granted at set-up who order prizes (a physical prize with
//     little stock and a digital one) until their points run out.
// Every request alternates between the instances. Each virtual user sends its own X-Forwarded-For (the
// instances run with TRUST_PROXY=1, as behind the reverse proxy), so per-IP limits see many clients, as
// they would in production. Prints p50/p95/max per step, expected refusals and real errors by kind, and the
// ledger check; exits non-zero on any real error or failed check.
//
//   npm run bench:load -- [--duration 180] [--shoppers 100] [--moderators 4] [--orderers 20]
//                         [--url http://127.0.0.1:4101,http://127.0.0.1:4102 --database-url postgres://…]
//                         [--base-port 4100] [--duplicates 0.03] [--think 1] [--ramp 30]
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { startCluster } from "../tests/cluster/cluster.ts";
import { REPO_ROOT, percentile } from "./lib.ts";
import { type PrizeUnderTest, ledgerChecks } from "./load-checks.ts";
import { describeCpu, sampleCpu } from "./load-cpu.ts";
import { type ActionResult, HttpFailure, VirtualUser, actionId, loadActionIds } from "./load-client.ts";
import { type BenchImage, fiscalQrText, receiptPhoto, reviewScreenshot } from "./load-images.ts";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "180" },
    shoppers: { type: "string", default: "100" },
    moderators: { type: "string", default: "4" },
    orderers: { type: "string", default: "20" },
    url: { type: "string" },
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL },
    "base-port": { type: "string", default: "4100" },
    duplicates: { type: "string", default: "0.03" },
    think: { type: "string", default: "1" },
    ramp: { type: "string", default: "30" },
  },
});
const DURATION_MS = Number(args.duration) * 1000;
const SHOPPERS = Number(args.shoppers);
const MODERATORS = Number(args.moderators);
const ORDERERS = Number(args.orderers);
const DUPLICATE_SHARE = Number(args.duplicates);
/**
 * A person's pauses between steps, in ms (each drawn from half to one and a half times this), scaled by
 * --think (0: no pauses, a stress test rather than people): typing the phone, waiting for the SMS and typing
 * the code, choosing the product and pasting the link, picking each file, reading a request before deciding,
 * looking at a prize before ordering.
 */
const THINK_MS = { phone: 2000, code: 4000, form: 3000, file: 1500, submit: 2000, decide: 1000, order: 3000 } as const;
const THINK_SCALE = Number(args.think);
/** Virtual users start evenly over this many seconds (people arrive over time, not all in one instant). */
const RAMP_MS = Number(args.ramp) * 1000;
const think = (pause: keyof typeof THINK_MS) => (THINK_SCALE > 0 && running() ? sleep(THINK_MS[pause] * THINK_SCALE * (0.5 + Math.random())) : Promise.resolve());
const ORDERER_POINTS = 12_000;
const PHYSICAL_PRICE = 500;
const DIGITAL_PRICE = 700;
const log = (line: string) => console.log(`[bench:load] ${line}`);

// ─── Measurements ───

/** "degraded": the portal answered and went on, but with less than it would on an idle machine. */
type Outcome = { kind: "ok" } | { kind: "refused"; reason: string } | { kind: "degraded"; reason: string } | { kind: "error"; reason: string; detail: string };

const samples = new Map<string, number[]>();
const refusals = new Map<string, number>();
const degraded = new Map<string, number>();
const errors = new Map<string, { count: number; example: string }>();
const totals = { requestsFiled: 0, decisions: 0, orders: 0, signIns: 0 };
const filedIds = new Set<number>();

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Times one step; a refusal or an error is counted by kind and the step's time still recorded. */
async function step<T>(name: string, run: () => Promise<T>, judge: (value: T) => Outcome = () => ({ kind: "ok" })): Promise<{ value?: T; outcome: Outcome }> {
  const started = performance.now();
  let outcome: Outcome;
  let value: T | undefined;
  try {
    value = await run();
    outcome = judge(value);
  } catch (error) {
    outcome =
      error instanceof HttpFailure
        ? { kind: "error", reason: error.kind, detail: error.message }
        : { kind: "error", reason: "exception", detail: error instanceof Error ? error.message : String(error) };
  }
  const elapsed = performance.now() - started;
  if (!samples.has(name)) samples.set(name, []);
  samples.get(name)!.push(elapsed);
  if (outcome.kind === "refused") bump(refusals, `${outcome.reason} (${name})`);
  if (outcome.kind === "degraded") bump(degraded, `${outcome.reason} (${name})`);
  if (outcome.kind === "error") {
    const key = `${name}: ${outcome.reason}`;
    const entry = errors.get(key) ?? { count: 0, example: outcome.detail };
    entry.count += 1;
    errors.set(key, entry);
  }
  return { value, outcome };
}

/** The refusals a real programme answers under load by design; anything else is an error. */
function expectedRefusal(message: string, code?: string): string | null {
  if (code === "RATE_LIMITED" || /Слишком много|уже отправлен|Новый можно запросить/.test(message)) return "rate limit";
  if (code === "CAPTCHA_REQUIRED" || /CAPTCHA|капч/i.test(message)) return "CAPTCHA";
  if (/Недостаточно баллов/.test(message)) return "insufficient points";
  if (/Приз закончился/.test(message)) return "out of stock";
  if (/принёс баллы/.test(message)) return "already credited (repeat review/receipt)";
  if (/Заявку сейчас проверяет/.test(message)) return "claimed by another moderator";
  return null;
}

function judgeAction(result: ActionResult): Outcome {
  if (result.ok) return { kind: "ok" };
  const reason = expectedRefusal(result.message, result.code);
  return reason ? { kind: "refused", reason } : { kind: "error", reason: result.code, detail: result.message };
}

// ─── Set-up ───

interface BenchCluster {
  webUrls: string[];
  databaseUrl: string;
  /** The processes to account CPU time to (bench/load-cpu.ts). */
  processes: { name: string; pid: number }[];
  stop(): Promise<void>;
}

let cluster: BenchCluster | undefined;
let urls: string[];
let databaseUrl: string;
if (args.url) {
  urls = args.url.split(",").map((url) => url.trim().replace(/\/$/, ""));
  if (!args["database-url"]) throw new Error("--url needs --database-url (or BENCH_DATABASE_URL): the database the instances share");
  databaseUrl = args["database-url"];
} else {
  cluster = await startBenchCluster();
  urls = cluster.webUrls;
  databaseUrl = cluster.databaseUrl;
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const runTag = randomBytes(3).toString("hex");
const ids = loadActionIds();
const ACTIONS = {
  requestCode: actionId(ids, "src/app/login/actions.ts", "requestSignInCodeAction"),
  fileRequest: actionId(ids, "src/app/cabinet/requests/actions.ts", "fileRequestAction"),
  nextRequest: actionId(ids, "src/app/moderation/actions.ts", "nextRequestAction"),
  claim: actionId(ids, "src/app/moderation/actions.ts", "claimRequestAction"),
  decide: actionId(ids, "src/app/moderation/actions.ts", "decideRequestPartAction"),
  order: actionId(ids, "src/app/cabinet/prizes/actions.ts", "placePrizeOrderAction"),
};

const setup = await seedBenchActors();
log(`targets: ${urls.join(", ")} (requests alternate between them)`);
log(`${SHOPPERS} shoppers, ${MODERATORS} moderators, ${ORDERERS} orderers for ${DURATION_MS / 1000} s (starting evenly over the first ${RAMP_MS / 1000} s); run ${runTag}`);
log("each virtual user sends its own X-Forwarded-For (instances trust one proxy hop, TRUST_PROXY=1): per-IP limits see distinct clients");
log("the portal-wide SMS cap per hour is raised to 100000 for the run (settings.smsPerHourCap); sign-in codes are read from the SMS outbox table");

// A pool of screenshots made before the clock starts (making them would compete with the servers for CPU);
// receipts are made per request, since each needs its own fiscal numbers.
const screenshots: BenchImage[] = [];
for (let i = 0; i < 64; i += 1) screenshots.push(await reviewScreenshot(i + 1));
const receipts: BenchImage[] = [];
let receiptSerial = Number.parseInt(runTag, 16) * 1000;
for (let i = 0; i < 400; i += 1) receipts.push(await receiptPhoto(fiscalQrText((receiptSerial += 1))));
log(`made ${screenshots.length} screenshots and ${receipts.length} receipt photos ahead of the clock`);

// Each instance loads a route's code on its first request: load them before the clock, as a deployed
// instance would have by the time a balancer sends it traffic.
for (const url of urls) {
  for (const pathname of ["/login", "/api/auth/csrf", "/cabinet/requests/new", "/moderation", `/cabinet/prizes/${setup.prizes[0]!.id}`, "/api/uploads"]) {
    await fetch(`${url}${pathname}`, { redirect: "manual", method: pathname === "/api/uploads" ? "POST" : "GET" }).then((response) => response.arrayBuffer(), () => undefined);
  }
}

const cpuBefore = await sampleCpu(cluster?.processes ?? [], pool);
const loadBefore = loadavg()[0]!;
const startedAt = Date.now();
const deadline = startedAt + DURATION_MS;
const running = () => Date.now() < deadline;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let identity = 0;
/** A distinct client address per virtual user, 10.0.0.0/8. */
function nextAddress(): string {
  identity += 1;
  return `10.${(identity >> 16) & 255}.${(identity >> 8) & 255}.${identity & 255}`;
}
const deviceId = () => randomBytes(18).toString("base64url");

async function readSmsCode(phone: string): Promise<string> {
  const { rows } = await pool.query<{ text: string }>(`SELECT text FROM outbox_messages WHERE channel = 'SMS' AND recipient = $1 ORDER BY id DESC LIMIT 1`, [phone]);
  const code = /\b(\d{6})\b/.exec(rows[0]?.text ?? "")?.[1];
  if (!code) throw new HttpFailure("no-sms", `no sign-in code in the outbox for ${phone}`);
  return code;
}

/** SMS sign-in as the login form does it: the code by a server action, then next-auth's credentials callback. */
async function shopperSignIn(user: VirtualUser, phone: string): Promise<boolean> {
  await step("shopper: GET /login", () => user.page("/login"));
  await think("phone");
  const requested = await step("shopper: request code (action)", () => user.action<{ phone: string }>("/login", ACTIONS.requestCode, [{ phone }]), judgeAction);
  if (requested.outcome.kind !== "ok") return false;
  await think("code");
  const code = await readSmsCode(phone).catch(() => null);
  if (!code) {
    bump(refusals, "no SMS code found (shopper: read code)");
    return false;
  }
  const signedIn = await step(
    "shopper: sign in (next-auth callback)",
    () => user.signIn("phone-otp", { phone, code, consent: "true" }),
    (error) => (error === null ? { kind: "ok" } : expectedRefusal(error) ? { kind: "refused", reason: expectedRefusal(error)! } : { kind: "error", reason: "sign-in refused", detail: error }),
  );
  if (signedIn.outcome.kind !== "ok") return false;
  totals.signIns += 1;
  return true;
}

// ─── Shoppers ───

const filedForRepeat: { reviewUrl: string; receipt: BenchImage }[] = [];
let shopperSerial = 0;

async function shopper(vu: number): Promise<void> {
  while (running()) {
    shopperSerial += 1;
    const phone = `+797${String((Number.parseInt(runTag, 16) % 100) * 1_000_000 + shopperSerial).padStart(8, "0")}`;
    const user = new VirtualUser(urls, nextAddress(), deviceId());
    if (!(await shopperSignIn(user, phone))) {
      await sleep(1000);
      continue;
    }
    await step("shopper: GET /cabinet/requests/new", () => user.page("/cabinet/requests/new"));
    await think("form");
    const repeat = filedForRepeat.length > 0 && Math.random() < DUPLICATE_SHARE ? filedForRepeat[Math.floor(Math.random() * filedForRepeat.length)]! : null;
    const reviewUrl = repeat?.reviewUrl ?? `https://irecommend.ru/content/bench-${runTag}-${vu}-${shopperSerial}`;
    const receipt = repeat?.receipt ?? receipts.pop() ?? (await receiptPhoto(fiscalQrText((receiptSerial += 1))));

    const uploaded: string[] = [];
    for (const image of [screenshots[(shopperSerial * 2) % screenshots.length]!, screenshots[(shopperSerial * 2 + 1) % screenshots.length]!]) {
      await think("file");
      const result = await step("shopper: upload screenshot", () => user.upload("REVIEW_SCREENSHOT", image), (response) => judgeUpload(response));
      if (result.outcome.kind === "ok" && result.value!.body.ok) uploaded.push(result.value!.body.data.id);
    }
    let receiptImageId: string | null = null;
    await think("file");
    const receiptUpload = await step("shopper: upload receipt", () => user.upload("RECEIPT_PHOTO", receipt), (response) => {
      const outcome = judgeUpload(response);
      // Every photo the bench sends has a readable fiscal QR; the server gives decoding a fixed budget (2 s) and,
      // past it, stores the photo as unreadable for the moderator to look at.
      if (outcome.kind === "ok" && response.body.ok && response.body.data.receipt?.verdict === "UNREADABLE") {
        return { kind: "degraded", reason: "receipt QR not read within the decoding budget, photo kept for the moderator" };
      }
      if (outcome.kind === "ok" && response.body.ok && response.body.data.receipt?.verdict !== "FISCAL") {
        return { kind: "error", reason: "receipt QR not read", detail: JSON.stringify(response.body.data.receipt) };
      }
      return outcome;
    });
    if ((receiptUpload.outcome.kind === "ok" || receiptUpload.outcome.kind === "degraded") && receiptUpload.value!.body.ok) receiptImageId = receiptUpload.value!.body.data.id;
    await think("submit");
    if (uploaded.length === 0 || !running()) continue;

    const filed = await step(
      "shopper: file request (action)",
      () => user.action<{ id: number }>("/cabinet/requests/new", ACTIONS.fileRequest, [{ productId: setup.productId, reviewUrl, screenshotIds: uploaded, receiptImageId, idempotencyKey: randomUUID() }]),
      judgeAction,
    );
    if (filed.value?.ok) {
      totals.requestsFiled += 1;
      filedIds.add(filed.value.data.id);
      if (!repeat && receiptImageId) filedForRepeat.push({ reviewUrl, receipt });
    }
  }
}

function judgeUpload(response: { status: number; body: ActionResult }): Outcome {
  if (response.body.ok && response.status === 201) return { kind: "ok" };
  if (response.body.ok) return { kind: "error", reason: `http-${response.status}`, detail: "unexpected status" };
  return judgeAction(response.body);
}

// ─── Moderators ───

async function moderator(index: number): Promise<void> {
  const user = new VirtualUser(urls, nextAddress(), deviceId());
  const signedIn = await step(
    "moderator: sign in (next-auth callback)",
    () => user.signIn("staff-password", { email: setup.moderatorEmails[index]!, password: setup.moderatorPassword }),
    (error) => (error === null ? { kind: "ok" } : { kind: "error", reason: "sign-in refused", detail: error }),
  );
  if (signedIn.outcome.kind !== "ok") return;
  await step("moderator: GET /moderation", () => user.page("/moderation"));
  let nextId: number | null | undefined;
  let exclude: number | undefined;
  while (running()) {
    if (nextId === undefined) {
      const next = await step("moderator: next request (action)", () => user.action<{ id: number | null }>("/moderation", ACTIONS.nextRequest, [exclude ? { excludeId: exclude } : {}]), judgeAction);
      nextId = next.value?.ok ? next.value.data.id : null;
    }
    const requestId = nextId;
    nextId = undefined;
    if (!requestId) {
      exclude = undefined;
      await sleep(1000);
      continue;
    }
    const pagePath = `/moderation/requests/${requestId}`;
    await step("moderator: GET /moderation/requests/[id]", () => user.page(pagePath));
    const claim = await step("moderator: claim (action)", () => user.action(pagePath, ACTIONS.claim, [{ requestId }]), judgeAction);
    if (claim.outcome.kind !== "ok") {
      exclude = requestId;
      continue;
    }
    // What the page shows: the parts waiting, with their attempt.
    const { rows: parts } = await pool.query<{ kind: "REVIEW" | "RECEIPT"; attempt: number }>(
      `SELECT kind, attempt FROM request_parts WHERE request_id = $1 AND status = 'PENDING' ORDER BY kind DESC`,
      [requestId],
    );
    for (const part of parts) {
      await think("decide");
      const approve = Math.random() < 0.85;
      const decide = (decision: "APPROVE" | "REJECT", comment?: string) =>
        step(
          "moderator: decide part (action)",
          () =>
            user.action<{ status: string; nextRequestId?: number | null }>(pagePath, ACTIONS.decide, [
              { requestId, partKind: part.kind, decision, attempt: part.attempt, ...(comment ? { comment } : {}) },
            ]),
          judgeAction,
        );
      let decided = approve ? await decide("APPROVE") : await decide("REJECT", "Фото нечитаемо: загрузите чёткий снимок без бликов.");
      if (decided.outcome.kind === "refused" && decided.outcome.reason.startsWith("already credited")) {
        decided = await decide("REJECT", "Этот отзыв или чек уже принёс баллы в другой заявке.");
      }
      if (decided.value?.ok) {
        totals.decisions += 1;
        if (decided.value.data.nextRequestId !== undefined) nextId = decided.value.data.nextRequestId;
      }
    }
    exclude = requestId;
  }
}

// ─── Orderers ───

async function orderer(index: number): Promise<void> {
  const user = new VirtualUser(urls, nextAddress(), deviceId());
  if (!(await shopperSignIn(user, setup.ordererPhones[index]!))) return;
  let physicalSoldOut = false;
  while (running()) {
    const physical = !physicalSoldOut && Math.random() < 0.6;
    const prize = physical ? setup.prizes[0]! : setup.prizes[1]!;
    await step("orderer: GET /cabinet/prizes/[id]", () => user.page(`/cabinet/prizes/${prize.id}`));
    await think("order");
    const input = physical
      ? { kind: "PHYSICAL", prizeId: prize.id, idempotencyKey: randomUUID(), expectedPointsPrice: PHYSICAL_PRICE, recipientName: `Покупатель ${index + 1}`, recipientPhone: setup.ordererPhones[index]!, carrier: "CDEK", pickupPointCode: "MSK4" }
      : { kind: "DIGITAL", prizeId: prize.id, idempotencyKey: randomUUID(), expectedPointsPrice: DIGITAL_PRICE, deliveryEmail: `orderer-${index + 1}@bench.example` };
    const placed = await step("orderer: place order (action)", () => user.action<{ id: number }>(`/cabinet/prizes/${prize.id}`, ACTIONS.order, [input]), judgeAction);
    if (placed.value?.ok) totals.orders += 1;
    if (placed.outcome.kind === "refused" && placed.outcome.reason === "out of stock" && physical) physicalSoldOut = true;
    if (placed.outcome.kind === "refused" && placed.outcome.reason === "insufficient points") break;
  }
}

// ─── Run ───

const progress = setInterval(() => {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  const errorCount = [...errors.values()].reduce((sum, entry) => sum + entry.count, 0);
  log(`${elapsed} s: ${totals.signIns} sign-ins, ${totals.requestsFiled} requests filed, ${totals.decisions} decisions, ${totals.orders} orders, ${errorCount} errors`);
}, 20_000);
let exitCode = 0;
try {
  const users = [
    ...Array.from({ length: MODERATORS }, (_, i) => () => moderator(i)),
    ...Array.from({ length: SHOPPERS }, (_, i) => () => shopper(i)),
    ...Array.from({ length: ORDERERS }, (_, i) => () => orderer(i)),
  ];
  await Promise.all(users.map((run, i) => sleep((RAMP_MS * i) / users.length).then(run)));
  clearInterval(progress);
  const wallSeconds = (Date.now() - startedAt) / 1000;
  const cpuAfter = await sampleCpu(cluster?.processes ?? [], pool);
  report(wallSeconds);
  console.log(`\nCPU during the run (2 cores on this machine; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after):`);
  for (const line of describeCpu(cpuBefore, cpuAfter)) console.log(line);
  const missing = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM unnest($1::int[]) id WHERE NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.id = id)`, [[...filedIds]]);
  const checks = await ledgerChecks(pool, setup.prizes);
  checks.unshift({ label: "every request the portal confirmed is in the database", bad: Number(missing.rows[0]!.n) });
  console.log("\nLedger check (SQL over the whole database):");
  for (const check of checks) console.log(`  ${check.bad === 0 ? "ok  " : "FAIL"} ${check.label}${check.bad ? `: ${check.bad} rows, e.g. ${check.detail}` : ""}`);
  const state = await pool.query<{ requests: string; open: string; approved_parts: string; orders: string; stock: number }>(
    `SELECT (SELECT count(*) FROM review_requests)::text AS requests,
            (SELECT count(*) FROM review_requests WHERE status IN ('PENDING', 'IN_REVIEW'))::text AS open,
            (SELECT count(*) FROM request_parts WHERE status = 'APPROVED')::text AS approved_parts,
            (SELECT count(*) FROM prize_orders)::text AS orders,
            (SELECT stock FROM prizes WHERE id = $1) AS stock`,
    [setup.prizes[0]!.id],
  );
  const row = state.rows[0]!;
  console.log(`  database: ${row.requests} requests (${row.open} still open), ${row.approved_parts} parts approved, ${row.orders} prize orders, physical bench prize stock left ${row.stock}/${setup.prizes[0]!.initialStock}`);
  const errorCount = [...errors.values()].reduce((sum, entry) => sum + entry.count, 0);
  const failedChecks = checks.filter((check) => check.bad > 0).length;
  console.log(`\n${errorCount === 0 && failedChecks === 0 ? "PASS" : "FAIL"}: ${errorCount} errors other than expected refusals, ${failedChecks} ledger checks failed`);
  if (errorCount > 0 || failedChecks > 0) exitCode = 1;
} finally {
  clearInterval(progress);
  await pool.end();
  await cluster?.stop();
}
process.exit(exitCode);

function report(wallSeconds: number): void {
  console.log(`\nbench:load — ${wallSeconds.toFixed(0)} s against ${urls.length} instances, ${SHOPPERS} shoppers / ${MODERATORS} moderators / ${ORDERERS} orderers`);
  console.log(`  ${totals.signIns} SMS sign-ins, ${totals.requestsFiled} requests filed (${(totals.requestsFiled / wallSeconds).toFixed(2)}/s), ${totals.decisions} part decisions, ${totals.orders} prize orders`);
  console.log("\nStep                                          n     p50 ms   p95 ms   max ms");
  for (const [name, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(42)} ${String(sorted.length).padStart(6)} ${percentile(sorted, 50).toFixed(0).padStart(8)} ${percentile(sorted, 95).toFixed(0).padStart(8)} ${sorted[sorted.length - 1]!.toFixed(0).padStart(8)}`);
  }
  console.log("\nExpected refusals:");
  if (refusals.size === 0) console.log("  none");
  for (const [key, count] of [...refusals].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${key}`);
  console.log("\nDegraded (answered, not refused, not failed):");
  if (degraded.size === 0) console.log("  none");
  for (const [key, count] of [...degraded].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${key}`);
  console.log("\nErrors:");
  if (errors.size === 0) console.log("  none");
  for (const [key, entry] of [...errors].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${String(entry.count).padStart(6)}  ${key} — e.g. ${entry.example.slice(0, 200)}`);
}

// ─── The cluster ───

/**
 * Item 7's set-up (tests/cluster/cluster.ts): a fresh database BENCH_DATABASE_NAME on the PostgreSQL at
 * BENCH_ADMIN_DATABASE_URL, the S3 test server, two web instances from the production build (built first
 * when stale) and one worker; the instances trust one proxy hop and log warnings and errors only.
 */
async function startBenchCluster(): Promise<BenchCluster> {
  const cluster = await startCluster({
    basePort: Number(args["base-port"]),
    databaseUrl: process.env.BENCH_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    databaseName: process.env.BENCH_DATABASE_NAME ?? "portal_bench_load",
    webInstances: 2,
    // DATABASE_POOL_SIZE from the bench's environment reaches the instances, to try other pool sizes.
    env: { TRUST_PROXY: "1", LOG_LEVEL: "warn", ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}) },
    log: (line) => log(`cluster: ${line}`),
  });
  log(`storage: ${cluster.storage.kind}; process logs in ${path.relative(REPO_ROOT, cluster.dataDir)}/`);
  return { webUrls: cluster.webUrls, databaseUrl: cluster.databaseUrl, processes: [...cluster.web, ...cluster.workers], stop: () => cluster.stop() };
}

// ─── Bench actors ───

/**
 * Moderators with known passwords, orderers holding points (granted through the ledger as an adjustment,
 * as an administrator would), two prizes for this run (a physical one with little stock, a digital one
 * with codes) and the SMS cap raised; reruns against the same database add a fresh set.
 */
async function seedBenchActors(): Promise<{
  productId: number;
  moderatorEmails: string[];
  moderatorPassword: string;
  ordererPhones: string[];
  prizes: PrizeUnderTest[];
}> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ('programme', '{"smsPerHourCap": 100000}'::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = settings.value || '{"smsPerHourCap": 100000}'::jsonb, updated_at = now()`,
    );
    const product = await client.query<{ id: number }>(`SELECT id FROM products WHERE is_active ORDER BY sort_order, id LIMIT 1`);
    if (!product.rows[0]) throw new Error("no active product: seed the demo data first");
    const moderatorPassword = `bench-moderator-${runTag}`;
    const passwordHash = await hash(moderatorPassword);
    const moderatorEmails = Array.from({ length: MODERATORS }, (_, i) => `bench-moderator-${runTag}-${i + 1}@carely.bench`);
    for (const [i, email] of moderatorEmails.entries()) {
      await client.query(`INSERT INTO users (role, email, name, password_hash, updated_at) VALUES ('MODERATOR', $1, $2, $3, now())`, [email, `Бенч-модератор ${i + 1}`, passwordHash]);
    }
    const ordererPhones = Array.from({ length: ORDERERS }, (_, i) => `+7998${String((Number.parseInt(runTag, 16) % 1000) * 1000 + i).padStart(7, "0")}`);
    for (const phone of ordererPhones) {
      const user = await client.query<{ id: number; points_balance: number }>(
        `INSERT INTO users (role, phone, consent_at, consent_version, updated_at) VALUES ('CUSTOMER', $1, now(), 'bench', now())
         ON CONFLICT (phone) DO UPDATE SET updated_at = now() RETURNING id, points_balance`,
        [phone],
      );
      const { id, points_balance: balance } = user.rows[0]!;
      await client.query(
        `INSERT INTO ledger_entries (customer_id, kind, amount, balance_after, reason, idempotency_key) VALUES ($1, 'ADJUSTMENT', $2, $3, 'Бенч: баллы для заказов', $4)`,
        [id, ORDERER_POINTS, balance + ORDERER_POINTS, `bench-load:${runTag}:grant:${id}`],
      );
      await client.query(`UPDATE users SET points_balance = points_balance + $2, inactivity_clock_from = coalesce(inactivity_clock_from, now()) WHERE id = $1`, [id, ORDERER_POINTS]);
    }
    // Demand well over the physical stock (orderers × points ÷ price), so it sells out under contention.
    const physicalStock = Math.max(5, Math.round(ORDERERS * 2.5));
    const physical = await client.query<{ id: number }>(
      `INSERT INTO prizes (title, kind, points_price, stock, sort_order, updated_at) VALUES ($1, 'PHYSICAL', $2, $3, 1000, now()) RETURNING id`,
      [`Бенч ${runTag}: косметичка`, PHYSICAL_PRICE, physicalStock],
    );
    const digital = await client.query<{ id: number }>(`INSERT INTO prizes (title, kind, points_price, stock, sort_order, updated_at) VALUES ($1, 'DIGITAL', $2, 0, 1001, now()) RETURNING id`, [
      `Бенч ${runTag}: промокод`,
      DIGITAL_PRICE,
    ]);
    const codes = ORDERERS * Math.ceil(ORDERER_POINTS / DIGITAL_PRICE);
    await client.query(
      `INSERT INTO prize_codes (prize_id, code, code_hint, import_batch) SELECT $1, 'BENCH-' || $2 || '-' || g, lpad(g::text, 4, '0'), 'bench' FROM generate_series(1, $3) g`,
      [digital.rows[0]!.id, runTag, codes],
    );
    await client.query("COMMIT");
    return {
      productId: product.rows[0].id,
      moderatorEmails,
      moderatorPassword,
      ordererPhones,
      prizes: [
        { id: physical.rows[0]!.id, kind: "PHYSICAL", initialStock: physicalStock },
        { id: digital.rows[0]!.id, kind: "DIGITAL", initialStock: codes },
      ],
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

