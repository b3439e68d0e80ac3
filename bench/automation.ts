// npm run bench:automation — the automatic receipt rules over a synthetic day (issue 15).
//
// Into its own database (an embedded PostgreSQL in .data/bench-automation-postgres, port 54371, or
// BENCH_DATABASE_URL), freshly migrated each run: the demo catalogue with its receipt spellings, then a day of
// BENCH_AUTOMATION_REQUESTS (default 2,000) requests with a receipt each, of known kinds:
//   genuine       a sale with the request's product, written as shops write it (the matching test set)
//   other-product a sale with another of the brand's products
//   other-brand   a sale with no product of the brand
//   refund        a sale refund (n=2) or an expense (n=3)
//   outside       dated before the campaign's first day
//   repeat        the same receipt as a genuine one filed by another account
//   unplaced      the brand's word on a line no term fits ("CARELY КРЕМ")
//   not-found     the tax service does not know the receipt
// The online check is a fake proverkacheka.com on 127.0.0.1 speaking the real API (POST /api/v1/check/get),
// answering with each receipt's lines. Every receipt then goes the way the receipt-check job takes it
// (checkReceipt, then decideReceiptAutomatically), with all rules on, one at a time, timed.
//
// Thirty of the genuine requests are filed by a ring: 10 accounts signed in from one browser (one DEVICE
// mark in sign_in_trust), 3 requests each; every other account has its own browser, and some pairs of them
// share a family contact email (a medium signal, never high alone). After the day is filed, each account's
// risk is assessed as filing does it (reassessRiskAround), timed.
//
// Printed: the share of receipt parts decided by rules, the wrong automatic decisions against the known
// truth (must be 0), the time per automatic decision, the share of the ring's requests marked high risk
// (goal 100 %) and of the others' (false alarms), and the time per risk assessment.
import { randomUUID } from "node:crypto";
import { type Server, createServer } from "node:http";
import "../scripts/lib/allow-server-only.ts";
import { DEMO_MATCH_TERMS, DEMO_PRODUCTS } from "../scripts/lib/demo-data.ts";
import { ensureDatabase } from "../scripts/lib/database.ts";
import { applyMigrations } from "../scripts/lib/migrations.ts";
import { dropDatabase, runAdminSql, withDatabase, databaseName, quoteIdent } from "../scripts/lib/database-admin.ts";
import { RECEIPT_LINE_CASES } from "../tests/support/receipt-line-cases.ts";
import { percentile } from "./lib.ts";

const log = (line: string) => console.log(`[bench:automation] ${line}`);
const REQUESTS = Number(process.env.BENCH_AUTOMATION_REQUESTS ?? 2000);
const CAMPAIGN_STARTS = new Date("2026-11-01T00:00:00+03:00");
const RING_ACCOUNTS = 10;
const RING_REQUESTS_EACH = 3;
/** One in this many of the other accounts shares a contact email with the next one (a family). */
const FAMILY_EVERY = 25;

type Kind = "genuine" | "other-product" | "other-brand" | "refund" | "outside" | "repeat" | "unplaced" | "not-found";
/** How often each kind comes in a day: most receipts are genuine, as in the programme. */
const MIX: [Kind, number][] = [
  ["genuine", 0.62],
  ["other-product", 0.06],
  ["other-brand", 0.06],
  ["refund", 0.04],
  ["outside", 0.05],
  ["repeat", 0.08],
  ["unplaced", 0.03],
  ["not-found", 0.06],
];
/** What a correct decision is for each kind: APPROVE, REJECT, or PERSON (no rule may decide it). */
const TRUTH: Record<Kind, "APPROVE" | "REJECT" | "PERSON"> = {
  genuine: "APPROVE",
  "other-product": "PERSON",
  "other-brand": "REJECT",
  refund: "REJECT",
  outside: "REJECT",
  repeat: "REJECT",
  unplaced: "PERSON",
  "not-found": "PERSON",
};

interface Planned {
  kind: Kind;
  sku: string;
  qrText: string;
  fiscalKey: string;
  operationType: number;
  purchasedAt: Date;
  lines: string[];
  found: boolean;
}

const digits = (length: number) => Array.from({ length }, (_, index) => String(index === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10))).join("");
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const brandLines = RECEIPT_LINE_CASES.filter((line) => line.expected !== null && !line.gtin && !line.note?.includes("miss"));
const otherLines = RECEIPT_LINE_CASES.filter((line) => line.expected === null && !line.gtin);
const basket = ["ПАКЕТ-МАЙКА 30Х55", "ВАТНЫЕ ДИСКИ 120ШТ", "ХЛЕБ БОРОДИНСКИЙ 400Г"];

function fiscal(purchasedAt: Date, operationType: number): { qrText: string; fiscalKey: string } {
  const local = new Date(purchasedAt.getTime() + 3 * 3_600_000);
  const t = `${local.getUTCFullYear()}${String(local.getUTCMonth() + 1).padStart(2, "0")}${String(local.getUTCDate()).padStart(2, "0")}T${String(local.getUTCHours()).padStart(2, "0")}${String(local.getUTCMinutes()).padStart(2, "0")}`;
  const [fn, i, fp] = [digits(16), String(Number(digits(6))), String(Number(digits(10)))];
  return { qrText: `t=${t}&s=899.00&fn=${fn}&i=${i}&fp=${fp}&n=${operationType}`, fiscalKey: `${fn}|${i}|${fp}` };
}

function plan(): Planned[] {
  const planned: Planned[] = [];
  const day = new Date("2026-11-20T10:00:00+03:00");
  for (let index = 0; index < REQUESTS; index++) {
    let roll = Math.random();
    const kind = MIX.find(([, share]) => (roll -= share) < 0)?.[0] ?? "genuine";
    const genuineLine = pick(brandLines);
    const sku = kind === "other-product" ? pick(DEMO_PRODUCTS.filter((product) => product.sku !== genuineLine.expected)).sku : genuineLine.expected!;
    const purchasedAt = kind === "outside" ? new Date(CAMPAIGN_STARTS.getTime() - 86_400_000 * (1 + Math.floor(Math.random() * 20))) : new Date(day.getTime() - 3_600_000 * Math.floor(Math.random() * 200));
    const operationType = kind === "refund" ? pick([2, 3]) : 1;
    const lines =
      kind === "other-brand" ? [pick(basket), pick(otherLines).name] : kind === "unplaced" ? [pick(basket), "CARELY КРЕМ"] : [pick(basket), genuineLine.name];
    if (kind === "repeat") {
      const originals = planned.filter((earlier) => earlier.kind === "genuine");
      if (originals.length > 0) {
        const original = pick(originals);
        planned.push({ ...original, kind, sku: original.sku });
        continue;
      }
    }
    planned.push({ kind, sku, ...fiscal(purchasedAt, operationType), operationType, purchasedAt, lines, found: kind !== "not-found" });
  }
  return planned;
}

/** The fake proverkacheka.com: each planned receipt's lines by its QR text; the rest "not found". */
function startFakeService(byQr: Map<string, Planned>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const receipt = byQr.get(form.get("qrraw") ?? "");
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      if (!receipt || !receipt.found) return response.end(JSON.stringify({ code: 0, first: 0, data: "Чек некорректен" }));
      const fields = new URLSearchParams(receipt.qrText);
      response.end(
        JSON.stringify({
          code: 1,
          first: 0,
          data: {
            json: {
              user: "ООО \"КРАСОТА\"",
              userInn: "7701234567",
              totalSum: 89900,
              operationType: receipt.operationType,
              fiscalDriveNumber: fields.get("fn"),
              items: receipt.lines.map((name, index) => ({ name, quantity: 1, price: index === 0 ? 900 : 89000, sum: index === 0 ? 900 : 89000 })),
            },
          },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

const database = await ensureDatabase({ externalUrl: process.env.BENCH_DATABASE_URL ?? "", dataDirName: "bench-automation-postgres", port: Number(process.env.BENCH_PG_PORT ?? 54371), database: "bench_automation", log });
const adminUrl = withDatabase(database.url, "postgres");
const runName = `${databaseName(database.url)}_run`;
let fake: Server | undefined;
try {
  await dropDatabase(adminUrl, runName);
  await runAdminSql(adminUrl, `CREATE DATABASE ${quoteIdent(runName)}`);
  const runUrl = withDatabase(database.url, runName);
  await applyMigrations(runUrl, { log: () => {} });

  const planned = plan();
  const service = await startFakeService(new Map(planned.map((receipt) => [receipt.qrText, receipt])));
  fake = service.server;
  Object.assign(process.env, { DATABASE_URL: runUrl, RECEIPT_CHECK_TOKEN: "bench-token", RECEIPT_CHECK_BASE_URL: service.url });
  const { db, disconnectDb } = await import("../src/server/db/client.ts");
  const { checkReceipt } = await import("../src/server/domain/receipt-checks/check-receipt.ts");
  const { decideReceiptAutomatically } = await import("../src/server/domain/auto-moderation/decide-receipt-automatically.ts");
  const { AUTOMATION_RULES } = await import("../src/lib/rules/automation-rules.ts");
  const { reassessRiskAround } = await import("../src/server/domain/fraud-signals/assess-request-risk.ts");
  try {
    // The catalogue, the programme (a campaign from 1 November), every rule on, and the day's requests.
    const products = new Map<string, number>();
    for (const [index, product] of DEMO_PRODUCTS.entries()) {
      const created = await db.product.create({ data: { ...product, sortOrder: index, matchTerms: DEMO_MATCH_TERMS[product.sku].terms, gtins: DEMO_MATCH_TERMS[product.sku].gtins } });
      products.set(product.sku, created.id);
    }
    await db.setting.create({ data: { key: "programme", value: { campaignStartsAt: CAMPAIGN_STARTS.toISOString() } } });
    await db.setting.create({ data: { key: "automation", value: Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, true])) } });

    const seedStarted = performance.now();
    const receipts: { id: number; partId: number; planned: Planned; requestId: number; ring: boolean }[] = [];
    // The ring files the first RING_ACCOUNTS × RING_REQUESTS_EACH genuine requests of the day, in turn.
    const ringSlot = new Map(
      planned
        .flatMap((receipt, index) => (receipt.kind === "genuine" ? [index] : []))
        .slice(0, RING_ACCOUNTS * RING_REQUESTS_EACH)
        .map((index, order) => [index, order % RING_ACCOUNTS]),
    );
    const ringCustomers: number[] = [];
    const others: number[] = [];
    for (const [index, receipt] of planned.entries()) {
      const slot = ringSlot.get(index);
      const existing = slot === undefined ? undefined : ringCustomers[slot];
      const customer = existing
        ? { id: existing }
        : await db.user.create({ data: { phone: `+7999${String(index).padStart(7, "0")}`, role: "CUSTOMER", consentAt: new Date() }, select: { id: true } });
      if (slot !== undefined) ringCustomers[slot] = customer.id;
      else others.push(customer.id);
      const request = await db.reviewRequest.create({
        data: {
          customerId: customer.id,
          productId: products.get(receipt.sku)!,
          reviewUrl: `https://irecommend.ru/content/bench-${index}`,
          reviewUrlKey: `irecommend.ru/content/bench-${index}`,
          dueAt: new Date(Date.now() + 7 * 86_400_000),
          idempotencyKey: randomUUID(),
          parts: { create: [{ kind: "REVIEW" }, { kind: "RECEIPT" }] },
        },
        select: { id: true, parts: { where: { kind: "RECEIPT" }, select: { id: true } } },
      });
      const partId = request.parts[0]!.id;
      const image = await db.image.create({ data: { kind: "RECEIPT_PHOTO", ownerId: customer.id, partId, storageKey: `bench/${index}`, mimeType: "image/jpeg", width: 1000, height: 1000, bytes: 1, sha256: String(index) } });
      const [fn, i, fp] = receipt.fiscalKey.split("|");
      const row = await db.receipt.create({
        data: {
          partId,
          imageId: image.id,
          qrText: receipt.qrText,
          fiscalDriveNumber: fn,
          fiscalDocumentNumber: i,
          fiscalSign: fp,
          operationType: receipt.operationType,
          purchasedAt: receipt.purchasedAt,
          totalKopecks: 89900,
          fiscalKey: receipt.fiscalKey,
          checkStatus: "CHECKING",
          checkNextAt: new Date(),
        },
      });
      receipts.push({ id: row.id, partId, planned: receipt, requestId: request.id, ring: slot !== undefined });
    }
    log(`${REQUESTS} requests filed in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${MIX.map(([kind]) => `${kind} ${planned.filter((receipt) => receipt.kind === kind).length}`).join(", ")}`);

    // Where each account signed in from, and the families' shared addresses; then the risk, as filing assesses it.
    await db.signInTrust.createMany({
      data: [
        ...ringCustomers.map((userId) => ({ userId, kind: "DEVICE" as const, value: "ring".padEnd(64, "0") })),
        ...others.map((userId) => ({ userId, kind: "DEVICE" as const, value: `own-${userId}-`.padEnd(64, "x") })),
      ],
    });
    for (const [position, userId] of others.entries()) {
      if (position % FAMILY_EVERY < 2) await db.user.update({ where: { id: userId }, data: { contactEmail: `family-${Math.floor(position / FAMILY_EVERY)}@example.ru` } });
    }
    const assessMs: number[] = [];
    for (const userId of [...ringCustomers, ...others]) {
      const started = performance.now();
      await reassessRiskAround(userId);
      assessMs.push(performance.now() - started);
    }
    const assessed = await db.reviewRequest.findMany({ select: { id: true, riskLevel: true, riskReasons: true } });
    const levels = new Map(assessed.map((row) => [row.id, row.riskLevel]));
    const reasons = new Map<string, number>();
    for (const row of assessed) for (const reason of row.riskReasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const ringRequests = receipts.filter((receipt) => receipt.ring);
    const ringHigh = ringRequests.filter((receipt) => levels.get(receipt.requestId) === "HIGH").length;
    const otherRequests = receipts.filter((receipt) => !receipt.ring);
    const otherHigh = otherRequests.filter((receipt) => levels.get(receipt.requestId) === "HIGH").length;
    const otherMedium = otherRequests.filter((receipt) => levels.get(receipt.requestId) === "MEDIUM").length;
    const ringHighShare = (100 * ringHigh) / Math.max(1, ringRequests.length);
    const sortedAssess = [...assessMs].sort((a, b) => a - b);
    log(`ring of ${RING_ACCOUNTS} accounts on one device: ${ringHigh} of ${ringRequests.length} requests high risk (${ringHighShare.toFixed(1)} %)`);
    log(`other accounts: ${otherHigh} of ${otherRequests.length} requests high risk, ${otherMedium} medium (families sharing a contact email); reasons: ${[...reasons].map(([reason, count]) => `${reason} ${count}`).join(", ")}`);
    log(`time per risk assessment: p50 ${percentile(sortedAssess, 50).toFixed(1)} ms, p95 ${percentile(sortedAssess, 95).toFixed(1)} ms`);

    // As the job takes them: the check, then the rules; each receipt timed from the answer to the decision.
    const decisionMs: number[] = [];
    let decided = 0;
    let wrong = 0;
    const wrongKinds = new Map<string, number>();
    for (const receipt of receipts) {
      await checkReceipt({ receiptId: receipt.id, maxAttempts: 1 });
      const started = performance.now();
      const outcome = await decideReceiptAutomatically({ receiptId: receipt.id });
      const elapsed = performance.now() - started;
      const part = await db.requestPart.findUniqueOrThrow({ where: { id: receipt.partId }, select: { status: true } });
      const truth = TRUTH[receipt.planned.kind];
      const made = part.status === "APPROVED" ? "APPROVE" : part.status === "REJECTED" ? "REJECT" : "PERSON";
      if (outcome.decided) {
        decided++;
        decisionMs.push(elapsed);
      }
      if (made !== "PERSON" && made !== truth) {
        wrong++;
        wrongKinds.set(`${receipt.planned.kind}→${made}`, (wrongKinds.get(`${receipt.planned.kind}→${made}`) ?? 0) + 1);
      }
    }
    const sorted = [...decisionMs].sort((a, b) => a - b);
    const decidable = receipts.filter((receipt) => TRUTH[receipt.planned.kind] !== "PERSON").length;
    log(`decided by rules: ${decided} of ${receipts.length} receipt parts (${((100 * decided) / receipts.length).toFixed(1)} %; ${decidable} were decidable by the truth)`);
    log(`wrong automatic decisions: ${wrong}${wrongKinds.size > 0 ? ` (${[...wrongKinds].map(([kind, count]) => `${kind} ${count}`).join(", ")})` : ""}`);
    log(`time per automatic decision: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`);
    console.log(`automation: rules decided ${((100 * decided) / receipts.length).toFixed(1)} % of receipt parts, wrong ${wrong}, ring high risk ${ringHighShare.toFixed(1)} %`);
  } finally {
    await disconnectDb();
  }
} finally {
  fake?.close();
  await dropDatabase(adminUrl, runName).catch(() => {});
  await database.stop();
}
