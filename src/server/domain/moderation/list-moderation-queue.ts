import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { normaliseRussianMobile } from "@/lib/phone";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { HOUR_MS, endOfMoscowDay, moscowDateKey } from "@/lib/moscow-time";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { moscowDateSql, utcTimestampSql } from "@/server/db/moscow-time-sql";
import { RISK_LEVELS } from "@/lib/rules/risk-signals";

export const QUEUE_TABS = ["all", "overdue", "today", "soon", "flagged"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export const QUEUE_FLAGS = ["RECEIPT", "SCREENSHOT", "REVIEW_LINK", "CHECK_FAILED"] as const;
export type QueueFlag = (typeof QUEUE_FLAGS)[number];

/** "Due soon": the decision is due within this many hours (and is not overdue yet). */
export const DUE_SOON_HOURS = 24;

export const QUEUE_SORTS = ["due", "risk"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const moderationQueueInput = z.object({
  tab: z.enum(QUEUE_TABS).catch("all"),
  /** PENDING: nothing decided yet; IN_REVIEW: one part decided, another (or a re-submission) waiting. */
  status: z.enum(["PENDING", "IN_REVIEW"]).optional().catch(undefined),
  productId: z.coerce.number().int().positive().optional().catch(undefined),
  flag: z.enum(QUEUE_FLAGS).optional().catch(undefined),
  /** A request number or a phone number written any common way. */
  q: z.string().trim().max(40).optional().catch(undefined),
  risk: z.enum(RISK_LEVELS).optional().catch(undefined),
  /** due: the earliest due first; risk: still by due day, and within a day the riskiest first. */
  sort: z.enum(QUEUE_SORTS).catch("due"),
});

export type QueueCounts = Record<QueueTab, number> & { quick: number };

// Every condition below reads only columns of review_requests_open_queue_idx, and the literal status
// list matches its predicate, so listing and counting are index-only scans over open requests.
export const OPEN_REQUESTS = Prisma.sql`status IN ('PENDING', 'IN_REVIEW')`;
const OPEN = OPEN_REQUESTS;
const FLAGGED = Prisma.sql`(has_duplicate_receipt OR has_duplicate_screenshot OR has_duplicate_review_link)`;
const FLAG_CONDITION: Record<QueueFlag, Prisma.Sql> = {
  RECEIPT: Prisma.sql`has_duplicate_receipt`,
  SCREENSHOT: Prisma.sql`has_duplicate_screenshot`,
  REVIEW_LINK: Prisma.sql`has_duplicate_review_link`,
  CHECK_FAILED: Prisma.sql`receipt_check_failed`,
};

/**
 * "Можно одобрить быстро" (docs/rules/auto-moderation.md): every automatic signal is clean (low risk, no
 * repeat, the receipt not refused by the online check), the review is waiting for a person and the receipt,
 * if any, is already approved (by a rule or a person). Only a person's look at the screenshots remains.
 */
export const QUICK_APPROVABLE = Prisma.sql`(risk_level = 'LOW' AND NOT has_duplicate_receipt AND NOT has_duplicate_screenshot
  AND NOT has_duplicate_review_link AND NOT receipt_check_failed
  AND EXISTS (SELECT 1 FROM request_parts review WHERE review.request_id = review_requests.id AND review.kind = 'REVIEW' AND review.status = 'PENDING')
  AND NOT EXISTS (SELECT 1 FROM request_parts receipt WHERE receipt.request_id = review_requests.id AND receipt.kind = 'RECEIPT' AND receipt.status <> 'APPROVED'))`;

const ORDER: Record<QueueSort, Prisma.Sql> = {
  due: Prisma.sql`due_at, id`,
  risk: Prisma.sql`${moscowDateSql("due_at")}, risk_level DESC, due_at, id`,
};

/**
 * The queue's due rule at `at`, as conditions on review_requests (for open requests, OPEN): overdue, past
 * due; today, due before the end of today in Moscow; soon, due within DUE_SOON_HOURS. Today and soon
 * overlap (a request due in an hour is both). Shared by the queue's tabs and the metrics.
 */
export function queueDueConditions(at: Date): { endOfToday: Date; overdue: Prisma.Sql; today: Prisma.Sql; soon: Prisma.Sql } {
  const endOfToday = endOfMoscowDay(moscowDateKey(at));
  const soonUntil = new Date(at.getTime() + DUE_SOON_HOURS * HOUR_MS);
  return {
    endOfToday,
    overdue: Prisma.sql`due_at < ${utcTimestampSql(at)}`,
    today: Prisma.sql`due_at >= ${utcTimestampSql(at)} AND due_at <= ${utcTimestampSql(endOfToday)}`,
    soon: Prisma.sql`due_at >= ${utcTimestampSql(at)} AND due_at < ${utcTimestampSql(soonUntil)}`,
  };
}

/**
 * Requests waiting for a decision, the most urgent (earliest due) first, with the count of each tab
 * under the same filters. Overdue: past due; today: due before the end of today in Moscow; soon: due
 * within DUE_SOON_HOURS; flagged: repeats an earlier request's receipt, screenshot or review link.
 */
export async function listModerationQueue(actor: ModeratorActor, input: z.infer<typeof moderationQueueInput>, options: { take?: number } = {}) {
  assertActorRole(actor, AREA_ROLES.moderation);
  const at = now();
  const due = queueDueConditions(at);
  const { endOfToday } = due;
  const empty = { items: [], counts: { all: 0, overdue: 0, today: 0, soon: 0, flagged: 0, quick: 0 } satisfies QueueCounts, at, endOfToday };

  const filters: Prisma.Sql[] = [OPEN];
  if (input.status) filters.push(Prisma.sql`status = ${input.status}::"RequestStatus"`);
  if (input.productId) filters.push(Prisma.sql`product_id = ${input.productId}`);
  if (input.flag) filters.push(FLAG_CONDITION[input.flag]);
  if (input.risk) filters.push(Prisma.sql`risk_level = ${input.risk}::"RiskLevel"`);
  if (input.q) {
    const digits = input.q.replace(/^№/, "").trim();
    const phone = /^\d{1,9}$/.test(digits) ? null : normaliseRussianMobile(input.q);
    if (/^\d{1,9}$/.test(digits)) filters.push(Prisma.sql`id = ${Number(digits)}`);
    else if (phone) {
      const shopper = await db.user.findUnique({ where: { phone }, select: { id: true } });
      if (!shopper) return { ...empty, searchProblem: null };
      filters.push(Prisma.sql`customer_id = ${shopper.id}`);
    } else return { ...empty, searchProblem: "Введите номер заявки или телефон участника." };
  }
  const tabCondition: Record<QueueTab, Prisma.Sql> = { all: Prisma.sql`true`, overdue: due.overdue, today: due.today, soon: due.soon, flagged: FLAGGED };
  const where = Prisma.join(filters, " AND ");

  const [page, [counts]] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`
      SELECT id FROM review_requests
       WHERE ${where} AND ${tabCondition[input.tab]}
       ORDER BY ${ORDER[input.sort]}
       LIMIT ${options.take ?? 50}`,
    db.$queryRaw<[QueueCounts]>`
      SELECT count(*)::int AS "all",
             (count(*) FILTER (WHERE ${tabCondition.overdue}))::int AS overdue,
             (count(*) FILTER (WHERE ${tabCondition.today}))::int AS today,
             (count(*) FILTER (WHERE ${tabCondition.soon}))::int AS soon,
             (count(*) FILTER (WHERE ${tabCondition.flagged}))::int AS flagged,
             (count(*) FILTER (WHERE ${QUICK_APPROVABLE}))::int AS quick
        FROM review_requests
       WHERE ${where}`,
  ]);
  const ids = page.map((row) => row.id);
  const rows = ids.length
    ? await db.reviewRequest.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          status: true,
          filedAt: true,
          dueAt: true,
          claimExpiresAt: true,
          claimedBy: { select: { name: true, email: true } },
          product: { select: { name: true } },
          hasDuplicateReceipt: true,
          hasDuplicateScreenshot: true,
          hasDuplicateReviewLink: true,
          receiptCheckFailed: true,
          riskLevel: true,
          parts: { select: { kind: true, status: true } },
        },
      })
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { parts, ...item } = row;
    return [{ ...item, quickApprovable: isQuickApprovable(row, parts) }];
  });
  return { items, counts, at, endOfToday, searchProblem: null };
}

/** QUICK_APPROVABLE for one row already read (the queue marks its rows with it). */
export function isQuickApprovable(
  request: { riskLevel: string; hasDuplicateReceipt: boolean; hasDuplicateScreenshot: boolean; hasDuplicateReviewLink: boolean; receiptCheckFailed: boolean },
  parts: { kind: string; status: string }[],
): boolean {
  const clean = request.riskLevel === "LOW" && !request.hasDuplicateReceipt && !request.hasDuplicateScreenshot && !request.hasDuplicateReviewLink && !request.receiptCheckFailed;
  return clean && parts.some((part) => part.kind === "REVIEW" && part.status === "PENDING") && parts.every((part) => part.kind !== "RECEIPT" || part.status === "APPROVED");
}
