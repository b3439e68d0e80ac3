import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { normaliseRussianMobile } from "@/lib/phone";
import type { Actor } from "@/server/auth/session";
import { moscowDateKey } from "@/server/calendar/business-days";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

export const QUEUE_TABS = ["all", "overdue", "today", "flagged"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export const moderationQueueInput = z.object({
  tab: z.enum(QUEUE_TABS).catch("all"),
  productId: z.coerce.number().int().positive().optional().catch(undefined),
  flag: z.enum(["RECEIPT", "SCREENSHOT", "REVIEW_LINK", "CHECK_FAILED"]).optional().catch(undefined),
  /** A request number or a phone number written any common way. */
  q: z.string().trim().max(40).optional().catch(undefined),
});

/**
 * Requests waiting for a decision, the most urgent (earliest due) first, with the count of each tab
 * under the same filters. Overdue: past due; today: due before the end of today in Moscow.
 */
export async function listModerationQueue(_actor: Actor, input: z.infer<typeof moderationQueueInput>, options: { take?: number } = {}) {
  const at = now();
  const endOfToday = new Date(`${moscowDateKey(at)}T23:59:59.999+03:00`);

  const filters: Prisma.ReviewRequestWhereInput[] = [{ status: { in: ["PENDING", "IN_REVIEW"] } }];
  if (input.productId) filters.push({ productId: input.productId });
  if (input.flag === "CHECK_FAILED") filters.push({ parts: { some: { receipts: { some: { checkStatus: { in: ["NOT_FOUND", "FAILED"] } } } } } });
  else if (input.flag) filters.push({ duplicateFlags: { some: { kind: input.flag } } });
  let searchProblem: string | null = null;
  if (input.q) {
    const digits = input.q.replace(/^№/, "").trim();
    const phone = normaliseRussianMobile(input.q);
    if (/^\d{1,9}$/.test(digits)) filters.push({ id: Number(digits) });
    else if (phone) filters.push({ customer: { phone } });
    else searchProblem = "Введите номер заявки или телефон участника.";
  }
  const tabWhere: Record<QueueTab, Prisma.ReviewRequestWhereInput> = {
    all: {},
    overdue: { dueAt: { lt: at } },
    today: { dueAt: { gte: at, lte: endOfToday } },
    flagged: { duplicateFlags: { some: {} } },
  };
  const where = (tab: QueueTab): Prisma.ReviewRequestWhereInput => ({ AND: [...filters, tabWhere[tab]] });

  if (searchProblem) {
    return { items: [], counts: { all: 0, overdue: 0, today: 0, flagged: 0 }, at, endOfToday, searchProblem };
  }
  const [items, ...counts] = await Promise.all([
    db.reviewRequest.findMany({
      where: where(input.tab),
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: options.take ?? 50,
      select: {
        id: true,
        status: true,
        filedAt: true,
        dueAt: true,
        claimExpiresAt: true,
        claimedBy: { select: { name: true, email: true } },
        product: { select: { name: true } },
        duplicateFlags: { select: { kind: true }, distinct: ["kind"] },
      },
    }),
    ...QUEUE_TABS.map((tab) => db.reviewRequest.count({ where: where(tab) })),
  ]);
  return {
    items,
    counts: Object.fromEntries(QUEUE_TABS.map((tab, index) => [tab, counts[index] ?? 0])) as Record<QueueTab, number>,
    at,
    endOfToday,
    searchProblem: null,
  };
}
