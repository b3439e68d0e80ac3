import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createPrize, createPrizeCodes, createProduct, createStaff } from "../../../../tests/support/factories";
import { actorOf, wrongRole } from "../../../../tests/support/requests";
import { GET } from "@/app/staff/figures/export/route";
import type { LedgerEntryKind, OrderStatus, PartStatus, RequestStatus } from "@/generated/prisma/enums";
import type { StaffActor } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { exportFiguresCsv } from "./export-figures-csv";
import { figuresRangeInput } from "./figures-range";
import { closeFiguresDays } from "./close-figures-days";
import { getProgrammeFigures, type ProgrammeFigures } from "./get-programme-figures";

// A small programme across March and April 2026 with every figure computed by hand below. Times are UTC
// as stored; Moscow is UTC+3, so 21:00 UTC and later is already the next Moscow day.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);

const CLOCK = new Date("2026-05-10T12:00:00Z");
const RANGE = { from: "2026-03-01", to: "2026-04-30" };
const at = (iso: string) => new Date(iso);

beforeEach(() => {
  setClock(CLOCK);
  session.actor = null;
});

async function shopper(createdAt: string) {
  return db.user.create({ data: { role: "CUSTOMER", phone: `+7900${randomUUID().replace(/\D/g, "").padEnd(7, "1").slice(0, 7)}`, consentAt: at(createdAt), consentVersion: "test", createdAt: at(createdAt) } });
}

type PartSpec = { status: PartStatus; decidedAt?: string; receipt?: { createdAt: string; totalKopecks: number | null } };

async function request(spec: {
  customerId: number;
  productId: number;
  status: RequestStatus;
  filedAt: string;
  dueAt: string;
  decidedAt?: string;
  review: PartSpec;
  receipt?: PartSpec;
}) {
  const key = `example.test/review-${randomUUID()}`;
  const created = await db.reviewRequest.create({
    data: {
      customerId: spec.customerId,
      productId: spec.productId,
      status: spec.status,
      reviewUrl: `https://${key}`,
      reviewUrlKey: key,
      filedAt: at(spec.filedAt),
      dueAt: at(spec.dueAt),
      decidedAt: spec.decidedAt ? at(spec.decidedAt) : null,
    },
  });
  for (const [kind, part] of [["REVIEW", spec.review], ["RECEIPT", spec.receipt]] as const) {
    if (!part) continue;
    const row = await db.requestPart.create({
      data: { requestId: created.id, kind, status: part.status, submittedAt: at(spec.filedAt), decidedAt: part.decidedAt ? at(part.decidedAt) : null, points: part.status === "APPROVED" ? (kind === "REVIEW" ? 500 : 100) : null },
    });
    if (part.receipt) {
      const image = await db.image.create({
        data: { kind: "RECEIPT_PHOTO", ownerId: spec.customerId, partId: row.id, storageKey: `test/${row.id}.webp`, mimeType: "image/webp", width: 1, height: 1, bytes: 1, sha256: randomUUID() },
      });
      await db.receipt.create({ data: { partId: row.id, imageId: image.id, totalKopecks: part.receipt.totalKopecks, createdAt: at(part.receipt.createdAt) } });
    }
  }
  return created;
}

async function ledger(customerId: number, kind: LedgerEntryKind, amount: number, when: string, orderId?: number) {
  await db.$transaction((tx) => appendLedgerEntry(tx, { customerId, kind, amount, idempotencyKey: `test:${randomUUID()}`, reason: "test", at: at(when), orderId }));
}

async function order(customerId: number, prizeId: number, status: OrderStatus, createdAt: string) {
  return db.prizeOrder.create({ data: { customerId, prizeId, status, pointsSpent: 100, processingDueAt: at(createdAt), createdAt: at(createdAt) } });
}

/** A decision in a part's history (part_decisions), by a moderator or a rule, for the request filed at `filedAt`. */
async function decision(spec: { filedAt: string; kind: "REVIEW" | "RECEIPT"; by: { moderatorId: number } | { rule: string }; status: PartStatus; decidedAt: string; openedAt: string | null; dueAt: string | null }) {
  const part = await db.requestPart.findFirstOrThrow({ where: { kind: spec.kind, request: { filedAt: at(spec.filedAt) } }, select: { id: true } });
  await db.partDecision.create({
    data: {
      partId: part.id,
      attempt: 1,
      status: spec.status,
      comment: spec.status === "REJECTED" ? "test" : null,
      decidedById: "moderatorId" in spec.by ? spec.by.moderatorId : null,
      decidedByRule: "rule" in spec.by ? spec.by.rule : null,
      decidedAt: at(spec.decidedAt),
      openedAt: spec.openedAt === null ? null : at(spec.openedAt),
      dueAt: spec.dueAt === null ? null : at(spec.dueAt),
    },
  });
}

/** The hand-built programme; the expected figures are worked out in the test below, line by line. */
async function seedProgramme() {
  const staff = await createStaff("STAFF"); // created "now": staff never count as participants
  const cream = await createProduct({ name: "Крем" });
  const shampoo = await createProduct({ name: "Шампунь" });

  const a = await shopper("2026-02-28T20:30:00Z"); // Moscow 28.02 23:30: before the range
  const b = await shopper("2026-02-28T21:30:00Z"); // Moscow 01.03 00:30: first day of the range
  const c = await shopper("2026-03-15T10:00:00Z");
  const d = await shopper("2026-04-30T20:59:00Z"); // Moscow 30.04 23:59: last day
  const e = await shopper("2026-04-30T21:00:00Z"); // Moscow 01.05 00:00: after the range
  const f = await shopper("2026-03-05T09:00:00Z");

  // R1: A's first request, February (A's cohort is February: not shown).
  await request({ customerId: a.id, productId: cream.id, status: "APPROVED", filedAt: "2026-02-20T10:00:00Z", dueAt: "2026-02-27T10:00:00Z", decidedAt: "2026-02-21T10:00:00Z", review: { status: "APPROVED", decidedAt: "2026-02-21T10:00:00Z" } });
  // R2: filed Moscow 02.03 00:30, decided in 48 h, both parts approved, receipt 1 500 ₽.
  await request({
    customerId: a.id, productId: cream.id, status: "APPROVED", filedAt: "2026-03-01T21:30:00Z", dueAt: "2026-03-06T21:30:00Z", decidedAt: "2026-03-03T21:30:00Z",
    review: { status: "APPROVED", decidedAt: "2026-03-03T21:30:00Z" },
    receipt: { status: "APPROVED", decidedAt: "2026-03-03T21:30:00Z", receipt: { createdAt: "2026-03-01T21:30:00Z", totalKopecks: 150_000 } },
  });
  // R3: B, decided in 240 h, after its due time (SLA breach).
  await request({ customerId: b.id, productId: cream.id, status: "APPROVED", filedAt: "2026-03-10T09:00:00Z", dueAt: "2026-03-17T09:00:00Z", decidedAt: "2026-03-20T09:00:00Z", review: { status: "APPROVED", decidedAt: "2026-03-20T09:00:00Z" } });
  // R4: B again in April (B's cohort retained in month +1), review approved, receipt rejected, 24 h.
  await request({
    customerId: b.id, productId: shampoo.id, status: "PARTIALLY_APPROVED", filedAt: "2026-04-05T12:00:00Z", dueAt: "2026-04-12T12:00:00Z", decidedAt: "2026-04-06T12:00:00Z",
    review: { status: "APPROVED", decidedAt: "2026-04-06T12:00:00Z" },
    receipt: { status: "REJECTED", decidedAt: "2026-04-06T12:00:00Z", receipt: { createdAt: "2026-04-05T12:00:00Z", totalKopecks: 99_999 } },
  });
  // R5: C, filed Moscow 30.04 01:00, rejected Moscow 30.04 23:30 (22.5 h).
  await request({ customerId: c.id, productId: shampoo.id, status: "REJECTED", filedAt: "2026-04-29T22:00:00Z", dueAt: "2026-05-07T22:00:00Z", decidedAt: "2026-04-30T20:30:00Z", review: { status: "REJECTED", decidedAt: "2026-04-30T20:30:00Z" } });
  // R6: D, still open on the clock's day and past due (SLA breach), receipt without a sum.
  await request({
    customerId: d.id, productId: cream.id, status: "PENDING", filedAt: "2026-04-30T20:00:00Z", dueAt: "2026-05-07T20:00:00Z",
    review: { status: "PENDING" },
    receipt: { status: "PENDING", receipt: { createdAt: "2026-04-30T20:00:00Z", totalKopecks: null } },
  });
  // R7: E, filed Moscow 01.05 00:30: after the range, counted nowhere.
  await request({
    customerId: e.id, productId: shampoo.id, status: "PENDING", filedAt: "2026-04-30T21:30:00Z", dueAt: "2026-05-07T21:30:00Z",
    review: { status: "PENDING" },
    receipt: { status: "PENDING", receipt: { createdAt: "2026-04-30T21:30:00Z", totalKopecks: 500_000 } },
  });
  // R8: C, filed Moscow 01.04 00:00, decided Moscow 01.05 00:00: filed in the range, decided after it, late.
  await request({ customerId: c.id, productId: cream.id, status: "APPROVED", filedAt: "2026-03-31T21:00:00Z", dueAt: "2026-04-07T21:00:00Z", decidedAt: "2026-04-30T21:00:00Z", review: { status: "APPROVED", decidedAt: "2026-04-30T21:00:00Z" } });
  // R9: F, March only (F's cohort not retained in April), rejected in 24 h.
  await request({ customerId: f.id, productId: shampoo.id, status: "REJECTED", filedAt: "2026-03-05T10:00:00Z", dueAt: "2026-03-12T10:00:00Z", decidedAt: "2026-03-06T10:00:00Z", review: { status: "REJECTED", decidedAt: "2026-03-06T10:00:00Z" } });

  // Prizes: a physical one at exactly 5 (low), one at 6 (fine), a hidden one at 0 (not shown), a digital
  // one with 4 of 7 codes free (low) and one with 6 free (fine).
  const low = await createPrize({ title: "Полотенце", stock: 5 });
  await createPrize({ title: "Сумка", stock: 6 });
  await createPrize({ title: "Скрытый", stock: 0, isActive: false });
  const coded = await createPrize({ title: "Сертификат", kind: "DIGITAL" });
  const plenty = await createPrize({ title: "Подписка", kind: "DIGITAL" });
  const codes = await createPrizeCodes(coded.id, 7);
  await createPrizeCodes(plenty.id, 6);

  // Ledger in time order (balances must never go below zero).
  await ledger(a.id, "REVIEW_APPROVED", 500, "2026-02-21T10:00:00Z"); // before the range
  await ledger(a.id, "ADJUSTMENT", -10, "2026-02-28T21:00:00Z"); // Moscow 01.03 00:00: in
  await ledger(a.id, "REVIEW_APPROVED", 500, "2026-03-03T21:30:00Z"); // Moscow 04.03
  await ledger(a.id, "RECEIPT_APPROVED", 100, "2026-03-03T21:30:00Z");
  const o1 = await order(a.id, coded.id, "DELIVERED", "2026-03-10T10:00:00Z");
  await ledger(a.id, "PRIZE_ORDER", -400, "2026-03-10T10:00:00Z", o1.id);
  await ledger(b.id, "REVIEW_APPROVED", 500, "2026-03-20T09:00:00Z");
  await ledger(b.id, "ADJUSTMENT", 50, "2026-03-31T20:59:00Z"); // Moscow 31.03 23:59
  await ledger(b.id, "REVIEW_APPROVED", 500, "2026-04-06T12:00:00Z");
  const o2 = await order(b.id, coded.id, "CANCELLED", "2026-04-10T10:00:00Z");
  await ledger(b.id, "PRIZE_ORDER", -300, "2026-04-10T10:00:00Z", o2.id);
  await ledger(b.id, "PRIZE_REFUND", 300, "2026-04-11T10:00:00Z", o2.id);
  const o3 = await order(b.id, coded.id, "NEW", "2026-04-12T10:00:00Z");
  await ledger(b.id, "PRIZE_ORDER", -200, "2026-04-12T10:00:00Z", o3.id);
  await ledger(a.id, "FORFEITURE", -100, "2026-04-20T00:00:00Z");
  await ledger(c.id, "REVIEW_APPROVED", 500, "2026-04-30T21:00:00Z"); // Moscow 01.05: after
  await order(e.id, low.id, "APPROVED", "2026-04-30T21:30:00Z"); // Moscow 01.05: after
  // Three of the certificate's codes are reserved by orders.
  for (const [index, held] of [o1, o2, o3].entries()) await db.prizeCode.update({ where: { id: codes[index]!.id }, data: { orderId: held.id } });

  // Decisions (moderation figures). R2's receipt: a rule rejects it in a minute (Moscow 02.03), M1 reverses
  // that in 48 h (04.03); M1 approves R2's review in 48 h and R3's in 240 h, after its due time; a rule
  // rejects R4's receipt in 30 s; M2 approves R4's review in 24 h and rejects R5's in 22.5 h; M1's approval
  // of R8 falls on Moscow 01.05, outside the range.
  const m1 = await createStaff("MODERATOR");
  const m2 = await createStaff("MODERATOR");
  const r2 = { filedAt: "2026-03-01T21:30:00Z", openedAt: "2026-03-01T21:30:00Z", dueAt: "2026-03-06T21:30:00Z" };
  await decision({ ...r2, kind: "RECEIPT", by: { rule: "receipt.reject-credited" }, status: "REJECTED", decidedAt: "2026-03-01T21:31:00Z" });
  await decision({ ...r2, kind: "RECEIPT", by: { moderatorId: m1.id }, status: "APPROVED", decidedAt: "2026-03-03T21:30:00Z" });
  await decision({ ...r2, kind: "REVIEW", by: { moderatorId: m1.id }, status: "APPROVED", decidedAt: "2026-03-03T21:30:00Z" });
  await decision({ filedAt: "2026-03-10T09:00:00Z", openedAt: "2026-03-10T09:00:00Z", dueAt: "2026-03-17T09:00:00Z", kind: "REVIEW", by: { moderatorId: m1.id }, status: "APPROVED", decidedAt: "2026-03-20T09:00:00Z" });
  const r4 = { filedAt: "2026-04-05T12:00:00Z", openedAt: "2026-04-05T12:00:00Z", dueAt: "2026-04-12T12:00:00Z" };
  await decision({ ...r4, kind: "RECEIPT", by: { rule: "receipt.reject-no-brand-product" }, status: "REJECTED", decidedAt: "2026-04-05T12:00:30Z" });
  await decision({ ...r4, kind: "REVIEW", by: { moderatorId: m2.id }, status: "APPROVED", decidedAt: "2026-04-06T12:00:00Z" });
  await decision({ filedAt: "2026-04-29T22:00:00Z", openedAt: "2026-04-29T22:00:00Z", dueAt: "2026-05-07T22:00:00Z", kind: "REVIEW", by: { moderatorId: m2.id }, status: "REJECTED", decidedAt: "2026-04-30T20:30:00Z" });
  await decision({ filedAt: "2026-03-31T21:00:00Z", openedAt: "2026-03-31T21:00:00Z", dueAt: "2026-04-07T21:00:00Z", kind: "REVIEW", by: { moderatorId: m1.id }, status: "APPROVED", decidedAt: "2026-04-30T21:00:00Z" });
  // A row as a privacy deletion writes it (no opening time, by the shopper), after M2's approval of R4's
  // review: not a moderation decision, so neither a decision of the shopper's nor a reversal of M2's.
  const closer = await db.reviewRequest.findFirstOrThrow({ where: { filedAt: at(r4.filedAt) }, select: { customerId: true } });
  await decision({ ...r4, openedAt: null, dueAt: null, kind: "REVIEW", by: { moderatorId: closer.customerId }, status: "REJECTED", decidedAt: "2026-04-10T10:00:00Z" });

  return { staff: actorOf(staff), cream, shampoo, low, coded, m1, m2 };
}

type Seeded = Awaited<ReturnType<typeof seedProgramme>>;

function expectHandComputed(figures: ProgrammeFigures, { cream, shampoo, low, coded, m1, m2 }: Seeded) {
  // Moderation: 7 decisions in the range, 2 by rules. M1: 48 h, 48 h, 240 h (R3 late), median 48 h. M2:
  // 24 h and 22.5 h, median 23.25 h. The rules: 60 s and 30 s (median 45 s); R2's rule rejection reversed.
  const byDecider = Object.fromEntries(figures.moderation.deciders.map((line) => [line.decider, line]));
  expect(figures.moderation.deciders.map((line) => line.decider)).toEqual([`moderator:${m1.id}`, `moderator:${m2.id}`, expect.stringMatching(/^rule:/), expect.stringMatching(/^rule:/)]);
  expect(byDecider[`moderator:${m1.id}`]).toMatchObject({ kind: "MODERATOR", name: m1.name, decisions: 3, slaKeptShare: 2 / 3, reversals: 0 });
  expect(byDecider[`moderator:${m1.id}`]!.medianHours).toBeCloseTo(48, 6);
  expect(byDecider[`moderator:${m1.id}`]!.decisionsPerDay).toBeCloseTo(3 / 61, 9);
  expect(byDecider[`moderator:${m2.id}`]).toMatchObject({ decisions: 2, slaKeptShare: 1, reversals: 0 });
  expect(byDecider[`moderator:${m2.id}`]!.medianHours).toBeCloseTo(23.25, 6);
  expect(byDecider["rule:receipt.reject-credited"]).toMatchObject({ kind: "RULE", name: "Автоматическая проверка: Отклонять чеки, уже принёсшие баллы", decisions: 1, reversals: 1, slaKeptShare: 1 });
  expect(byDecider["rule:receipt.reject-credited"]!.medianHours).toBeCloseTo(60 / 3600, 9);
  expect(byDecider["rule:receipt.reject-no-brand-product"]).toMatchObject({ decisions: 1, reversals: 0 });
  expect(figures.moderation.decisions).toBe(7);
  expect(figures.moderation.ruleShare).toBeCloseTo(2 / 7, 9);
  expect(figures.moderation.rules).toMatchObject({ decisions: 2, slaKeptShare: 1, reversals: 1 });
  expect(figures.moderation.rules!.medianHours).toBeCloseTo(45 / 3600, 9);

  expect(figures.range).toEqual({ from: "2026-03-01", to: "2026-04-30", days: 61, today: "2026-05-10" });

  // Participants: B (01.03 00:30), C, F, D (30.04 23:59) are new; A (28.02 23:30) and E (01.05) are not.
  expect(figures.participants).toMatchObject({ newCount: 4, total: 5, activeShoppers: 5 });
  const newByDay = Object.fromEntries(figures.participants.perDay.filter((day) => day.newCount).map((day) => [day.day, day.newCount]));
  expect(newByDay).toEqual({ "2026-03-01": 1, "2026-03-05": 1, "2026-03-15": 1, "2026-04-30": 1 });
  expect(figures.participants.perDay).toHaveLength(61);

  // Requests by Moscow filing day: R2 02.03, R9 05.03, R3 10.03, R8 01.04, R4 05.04, R5 and R6 30.04.
  expect(figures.requests.filed).toBe(7);
  const filedByDay = Object.fromEntries(figures.requests.perDay.filter((day) => day.filed).map((day) => [day.day, day.filed]));
  expect(filedByDay).toEqual({ "2026-03-02": 1, "2026-03-05": 1, "2026-03-10": 1, "2026-04-01": 1, "2026-04-05": 1, "2026-04-30": 2 });

  // Parts decided in the range: reviews R2, R3, R4 approved, R5, R9 rejected (R8's is on 01.05);
  // receipts R2 approved, R4 rejected.
  expect(figures.approval).toEqual([
    { kind: "REVIEW", decided: 5, approved: 3, rejected: 2, rate: 0.6 },
    { kind: "RECEIPT", decided: 2, approved: 1, rejected: 1, rate: 0.5 },
  ]);

  // Decided in the range: R5 22.5 h, R4 24 h, R9 24 h, R2 48 h, R3 240 h. Median = 24; p95 at rank
  // 0.95 × 4 = 3.8: 48 + 0.8 × (240 − 48) = 201.6. Breaches among the 7 filed: R3 and R8 decided late,
  // R6 open past its due time on 10.05.
  expect(figures.decisions.decided).toBe(5);
  expect(figures.decisions.medianHours).toBeCloseTo(24, 6);
  expect(figures.decisions.p95Hours).toBeCloseTo(201.6, 6);
  expect(figures.decisions).toMatchObject({ slaBreached: 3, slaBreachedDecidedLate: 2, slaBreachedOpen: 1, filed: 7 });

  // Points in the range: credited 500 + 100 (A, 04.03) + 500 + 500 (B) = 1 600; spent 400 + 300 + 200 −
  // 300 refunded = 600; forfeited 100; adjustments −10 + 50 = 40. Balances now: A 590, B 850, C 500.
  expect(figures.points).toMatchObject({ credited: 1600, spent: 600, forfeited: 100, adjusted: 40, outstanding: 1940 });
  const pointDays = figures.points.perDay.filter((day) => day.credited || day.spent || day.forfeited);
  expect(pointDays).toEqual([
    { day: "2026-03-04", credited: 600, spent: 0, forfeited: 0 },
    { day: "2026-03-10", credited: 0, spent: 400, forfeited: 0 },
    { day: "2026-03-20", credited: 500, spent: 0, forfeited: 0 },
    { day: "2026-04-06", credited: 500, spent: 0, forfeited: 0 },
    { day: "2026-04-10", credited: 0, spent: 300, forfeited: 0 },
    { day: "2026-04-11", credited: 0, spent: -300, forfeited: 0 },
    { day: "2026-04-12", credited: 0, spent: 200, forfeited: 0 },
    { day: "2026-04-20", credited: 0, spent: 0, forfeited: 100 },
  ]);

  // Orders placed in the range, by status now (E's is on 01.05).
  expect(figures.orders).toEqual({
    placed: 3,
    byStatus: [
      { status: "NEW", count: 1 },
      { status: "APPROVED", count: 0 },
      { status: "SHIPPED", count: 0 },
      { status: "DELIVERED", count: 1 },
      { status: "CANCELLED", count: 1 },
    ],
  });
  expect(figures.lowStock).toEqual([
    { prizeId: coded.id, title: "Сертификат", kind: "DIGITAL", left: 4 },
    { prizeId: low.id, title: "Полотенце", kind: "PHYSICAL", left: 5 },
  ]);

  // Reviews approved in the range: cream R2, R3 (R8 is on 01.05); shampoo R4.
  expect(figures.topProducts).toEqual([
    { productId: cream.id, name: "Крем", approvedReviews: 2 },
    { productId: shampoo.id, name: "Шампунь", approvedReviews: 1 },
  ]);

  // Receipts created in the range: R2 (1 500 ₽), R4 (999,99 ₽), R6 (no sum); R7's is on 01.05.
  // Average (150 000 + 99 999) / 2 = 124 999.5 → 125 000 kopecks. Requests with a receipt: R2, R4, R6 of 7.
  expect(figures.receipts).toEqual({ count: 3, averageKopecks: 125_000, requestsFiled: 7, requestsWithReceipt: 3, withReceiptShare: 3 / 7 });

  // Approved requests filed in the range: A 1 (R2), B 2 (R3, R4), C 1 (R8).
  expect(figures.repeat).toEqual({ withApproved: 3, withTwoOrMore: 1, share: 1 / 3 });

  // Cohorts by first request: March = B, F (B files again in April, F does not); April = C, D. A's
  // cohort (February) starts before the range and E's request is after it.
  expect(figures.cohorts).toEqual([
    { cohort: "2026-03", size: 2, active: [2, 1], retention: [1, 0.5] },
    { cohort: "2026-04", size: 2, active: [2], retention: [1] },
  ]);
}

/** The figures with every day computed from the base tables: the rollups emptied first (re-close to restore). */
async function liveFigures(actor: StaffActor): Promise<ProgrammeFigures> {
  await db.$executeRaw`DELETE FROM figures_days`;
  await db.$executeRaw`DELETE FROM figures_day_products`;
  await db.$executeRaw`DELETE FROM figures_day_decision_times`;
  await db.$executeRaw`DELETE FROM figures_day_shoppers`;
  await db.$executeRaw`DELETE FROM figures_day_moderation`;
  await db.$executeRaw`DELETE FROM figures_day_moderation_times`;
  return getProgrammeFigures(actor, RANGE);
}

async function staleDays(): Promise<string[]> {
  const rows = await db.$queryRaw<{ day: string }[]>`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM figures_stale_days ORDER BY 1`;
  return rows.map((row) => row.day);
}

describe("programme figures", () => {
  it("equals the hand-computed figures, Moscow day boundaries included", async () => {
    const seeded = await seedProgramme();
    expectHandComputed(await getProgrammeFigures(seeded.staff, RANGE), seeded);
  });

  it("reads the same figures from the nightly rollup, and from a rollup closed part-way", async () => {
    const seeded = await seedProgramme();
    const live = await getProgrammeFigures(seeded.staff, RANGE);

    // Closed through 14.04: March and half of April from the rollup, the rest live.
    const partial = await closeFiguresDays({ at: new Date("2026-04-14T23:00:00Z") });
    expect(partial).toMatchObject({ closedThrough: "2026-04-14", reclosed: 0 });
    expect(await getProgrammeFigures(seeded.staff, RANGE)).toEqual(live);

    // Closed through yesterday (09.05): every day of the range from the rollup.
    const full = await closeFiguresDays({ at: CLOCK });
    expect(full).toMatchObject({ closedThrough: "2026-05-09", reclosed: 0 });
    expect(partial.closed + full.closed).toBe(await db.figuresDay.count());
    expect((await staleDays()).filter((day) => day <= "2026-05-09")).toEqual([]);
    const rolledUp = await getProgrammeFigures(seeded.staff, RANGE);
    expect(rolledUp).toEqual(live);
    expectHandComputed(rolledUp, seeded);

    // A second run finds nothing to do.
    expect(await closeFiguresDays({ at: CLOCK })).toEqual({ closed: 0, reclosed: 0, closedThrough: "2026-05-09" });
  });

  it("stays exact when closed days change, and the next close catches up", async () => {
    const seeded = await seedProgramme();
    await closeFiguresDays({ at: CLOCK });
    const { customerId, productId } = await db.reviewRequest.findFirstOrThrow({ where: { status: "APPROVED" }, orderBy: { filedAt: "asc" } });

    // A rejected part re-submitted (its decision day and its request's filing day change), an open request of
    // April decided now, late; a request, a receipt and a ledger entry written with past dates (imports).
    const rejected = await db.requestPart.findFirstOrThrow({ where: { status: "REJECTED", kind: "REVIEW" }, include: { request: true } });
    await db.$transaction([
      db.requestPart.update({ where: { id: rejected.id }, data: { status: "PENDING", decidedAt: null, attempt: 2 } }),
      db.reviewRequest.update({ where: { id: rejected.requestId }, data: { status: "PENDING", decidedAt: null } }),
    ]);
    const open = await db.reviewRequest.findFirstOrThrow({ where: { status: { in: ["PENDING", "IN_REVIEW"] }, id: { not: rejected.requestId } } });
    await db.$transaction([
      db.requestPart.updateMany({ where: { requestId: open.id }, data: { status: "APPROVED", decidedAt: CLOCK } }),
      db.reviewRequest.update({ where: { id: open.id }, data: { status: "APPROVED", decidedAt: CLOCK } }),
    ]);
    const backdated = await request({
      customerId,
      productId,
      status: "APPROVED",
      filedAt: "2026-03-20T10:00:00Z",
      dueAt: "2026-03-27T10:00:00Z",
      decidedAt: "2026-03-21T10:00:00Z",
      review: { status: "APPROVED", decidedAt: "2026-03-21T10:00:00Z" },
      receipt: { status: "APPROVED", decidedAt: "2026-03-21T10:00:00Z", receipt: { createdAt: "2026-03-20T10:00:00Z", totalKopecks: 50_000 } },
    });
    await ledger(customerId, "REVIEW_APPROVED", 500, "2026-03-21T10:00:00Z", undefined);
    expect(backdated.id).toBeGreaterThan(0);

    const moscowDate = (time: Date) => new Date(time.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
    expect(await staleDays()).toEqual(expect.arrayContaining(["2026-03-20", "2026-03-21", moscowDate(rejected.request.filedAt), moscowDate(open.filedAt)]));
    const mixed = await getProgrammeFigures(seeded.staff, RANGE);
    expect(mixed.requests.filed).toBe(8);

    await closeFiguresDays({ at: CLOCK });
    expect((await staleDays()).filter((day) => day <= "2026-05-09")).toEqual([]);
    const reclosed = await getProgrammeFigures(seeded.staff, RANGE);
    expect(reclosed).toEqual(mixed);
    expect(await liveFigures(seeded.staff)).toEqual(mixed);
  });

  it("keeps a change committed while a close runs, and two closes at once close each day once", async () => {
    const seeded = await seedProgramme();
    await closeFiguresDays({ at: CLOCK });
    const open = await db.reviewRequest.findFirstOrThrow({ where: { status: { in: ["PENDING", "IN_REVIEW"] } } });
    const filedDay = new Date(open.filedAt.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
    // The filing day was changed earlier (committed), so the close below computes it again…
    await db.$executeRaw`INSERT INTO figures_stale_days (day) VALUES (${filedDay}::date)`;

    // …while a moderator's decision on a request of that day is still uncommitted: the close cannot see it.
    let decided!: () => void;
    let commit!: () => void;
    const decidedSignal = new Promise<void>((resolve) => (decided = resolve));
    const commitSignal = new Promise<void>((resolve) => (commit = resolve));
    const decision = db.$transaction(
      async (tx) => {
        await tx.requestPart.updateMany({ where: { requestId: open.id }, data: { status: "APPROVED", decidedAt: CLOCK } });
        await tx.reviewRequest.update({ where: { id: open.id }, data: { status: "APPROVED", decidedAt: CLOCK } });
        decided();
        await commitSignal;
      },
      { timeout: 20_000 },
    );
    await decidedSignal;
    const [first, second] = await Promise.all([closeFiguresDays({ at: CLOCK }), closeFiguresDays({ at: CLOCK })]);
    expect(first.reclosed + second.reclosed).toBe(1);
    commit();
    await decision;

    // The decision's own mark survived the close: the day is computed live, and the figures are exact.
    expect(await staleDays()).toContain(filedDay);
    const figures = await getProgrammeFigures(seeded.staff, RANGE);
    expect(figures.decisions.slaBreachedOpen).toBe(0);
    expect(figures).toEqual(await liveFigures(seeded.staff));
  });

  it("counts distinct shoppers across every chunk of user ids (the rollup's bitmaps hold 65,536 ids each)", async () => {
    const staff = actorOf(await createStaff("STAFF"));
    const product = await createProduct({ name: "Крем" });
    const person = (id: number, createdAt: string) =>
      db.user.create({ data: { id, role: "CUSTOMER", phone: `+7901${String(id).padStart(7, "0")}`, consentAt: at(createdAt), consentVersion: "test", createdAt: at(createdAt) } });
    const [low, middle, high] = await Promise.all([person(70, "2026-02-01T09:00:00Z"), person(65_540, "2026-02-10T09:00:00Z"), person(131_075, "2026-03-01T09:00:00Z")]);
    const approvedOn = (customerId: number, filedAt: string) =>
      request({ customerId, productId: product.id, status: "APPROVED", filedAt, dueAt: filedAt, decidedAt: filedAt, review: { status: "APPROVED", decidedAt: filedAt } });
    await approvedOn(low.id, "2026-02-15T09:00:00Z");
    await approvedOn(low.id, "2026-04-10T09:00:00Z");
    await approvedOn(middle.id, "2026-03-03T09:00:00Z");
    await approvedOn(middle.id, "2026-03-20T09:00:00Z");
    await request({ customerId: high.id, productId: product.id, status: "PENDING", filedAt: "2026-04-02T09:00:00Z", dueAt: "2026-04-09T09:00:00Z", review: { status: "PENDING" } });

    const expectShoppers = (figures: ProgrammeFigures) => {
      expect(figures.participants.activeShoppers).toBe(3);
      expect(figures.repeat).toEqual({ withApproved: 2, withTwoOrMore: 1, share: 0.5 });
      // The shopper of id 70 joined in February, before the range: no cohort of theirs is shown.
      expect(figures.cohorts).toEqual([
        { cohort: "2026-03", size: 1, active: [1, 0], retention: [1, 0] },
        { cohort: "2026-04", size: 1, active: [1], retention: [1] },
      ]);
    };
    const live = await getProgrammeFigures(staff, RANGE);
    expectShoppers(live);
    await closeFiguresDays({ at: new Date("2026-03-25T12:00:00Z") });
    expect(await getProgrammeFigures(staff, RANGE)).toEqual(live);
    await closeFiguresDays({ at: CLOCK });
    expect(await db.figuresDayShoppers.findMany({ distinct: ["chunk"], select: { chunk: true }, orderBy: { chunk: "asc" } })).toEqual([{ chunk: 0 }, { chunk: 1 }, { chunk: 2 }]);
    expect(await getProgrammeFigures(staff, RANGE)).toEqual(live);
  });

  it("defaults to the last 30 Moscow days and refuses a reversed or too long range", async () => {
    const staff = actorOf(await createStaff("STAFF"));
    setClock(new Date("2026-05-10T21:30:00Z")); // Moscow 11.05 00:30
    expect((await getProgrammeFigures(staff, {})).range).toEqual({ from: "2026-04-12", to: "2026-05-11", days: 30, today: "2026-05-11" });
    expect(figuresRangeInput.safeParse({ from: "2026-04-02", to: "2026-04-01" }).success).toBe(false);
    expect(figuresRangeInput.safeParse({ from: "2024-01-01", to: "2026-01-01" }).success).toBe(false);
    expect(figuresRangeInput.safeParse({ from: "2024-01-01", to: "2025-12-31" }).success).toBe(true);
    expect(figuresRangeInput.safeParse({ from: "01.04.2026" }).success).toBe(false);
    await expect(getProgrammeFigures(wrongRole(actorOf(await createStaff("MODERATOR"))), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports each block as Excel-ready CSV", async () => {
    const { staff } = await seedProgramme();
    const lines = async (block: Parameters<typeof exportFiguresCsv>[1]["block"]) => {
      const { content, fileName } = await exportFiguresCsv(staff, { block, ...RANGE });
      expect(fileName).toBe(`figures-${block}-2026-03-01-2026-04-30.csv`);
      expect(content.startsWith("\uFEFF")).toBe(true);
      return content.slice(1).split("\r\n").slice(0, -1);
    };
    const requests = await lines("requests");
    expect(requests[0]).toBe("Дата;Заявок подано");
    expect(requests).toContain("2026-03-02;1");
    expect(requests.at(-1)).toBe("Итого;7");
    // Figures are numbers: whole ones plain, decimals with a comma and so quoted (`,` is also a separator
    // Excel may guess).
    expect(await lines("approval")).toEqual(["Часть;Решений;Одобрено;Отклонено;Доля одобренных (%)", "Отзыв;5;3;2;60", "Чек;2;1;1;50"]);
    expect(await lines("decisions")).toContain('95-й процентиль до решения (ч);"201,6"');
    expect((await lines("points")).slice(-3)).toEqual(["Итого;1600;600;100", "Корректировки (со знаком);40;;", "На счетах сейчас;1940;;"]);
    expect(await lines("cohorts")).toEqual(["Когорта;Участников;Месяц 0 (%);Месяц 1 (%)", "2026-03;2;100;50", "2026-04;2;100;"]);
    expect(await lines("receipts")).toContain("Средняя сумма (₽);1250");
    expect(await lines("stock")).toEqual(["Приз;Тип;Осталось", "Сертификат;Цифровой;4", "Полотенце;Физический;5"]);
    expect(await lines("products")).toEqual(["Продукт;Одобренных отзывов", "Крем;2", "Шампунь;1"]);
    // Names are text, neutralised even when they look like arithmetic (Excel would show −5).
    await db.product.updateMany({ where: { name: "Крем" }, data: { name: "-2-3" } });
    expect(await lines("products")).toEqual(["Продукт;Одобренных отзывов", "'-2-3;2", "Шампунь;1"]);
    expect(await lines("repeat")).toContain('Доля повторных (%);"33,3"');
    expect(await lines("orders")).toContain("DELIVERED;1");
    const moderation = await lines("moderation");
    expect(moderation[0]).toBe("Кто решал;Решений;Решений в день;Медиана от открытия до решения (ч);В срок (%);Отменено решений");
    expect(moderation).toContain('Все правила вместе;2;0;0;100;1');
    expect(moderation.at(-1)).toBe('Доля решений правилами (%);"28,6";;;;');
    expect((await lines("participants")).slice(-3)).toEqual(["Итого новых;4", "Всего участников;5", "Активные участники;5"]);
  });

  it("serves the CSV to brand staff and administrators only", async () => {
    const get = (query: string) => GET(new Request(`http://localhost/staff/figures/export${query}`));
    expect((await get("?block=requests")).status).toBe(401);
    for (const role of ["MODERATOR"] as const) {
      session.actor = actorOf(await createStaff(role));
      expect((await get("?block=requests")).status, role).toBe(403);
    }
    session.actor = { id: 0, role: "CUSTOMER", phone: "+79000000000", email: null, name: null };
    expect((await get("?block=requests")).status).toBe(403);

    session.actor = actorOf(await createStaff("ADMIN"));
    const unknown = await get("?block=secrets");
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ ok: false, message: "Неизвестный блок показателей." });
    expect((await get("?block=requests&from=2026-05-01&to=2026-04-01")).status).toBe(422);

    const ok = await get("?block=requests&from=2026-04-01&to=2026-04-30");
    expect(ok.status).toBe(200);
    expect(Object.fromEntries(ok.headers)).toMatchObject({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="figures-requests-2026-04-01-2026-04-30.csv"',
      "cache-control": "private, no-store",
    });
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("Дата;Заявок подано");
  });
});
