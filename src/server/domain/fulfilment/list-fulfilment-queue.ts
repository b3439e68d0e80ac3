import "server-only";
import { z } from "zod";
import type { OrderStatus } from "@/generated/prisma/enums";
import { normaliseRussianMobile } from "@/lib/phone";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { type Prisma, db } from "@/server/db/client";

export const FULFILMENT_TABS = ["new", "approved", "shipped", "overdue", "delivered", "cancelled"] as const;
export type FulfilmentTab = (typeof FULFILMENT_TABS)[number];
export type FulfilmentCounts = Record<FulfilmentTab, number>;

const PAGE_SIZE = 50;

export const fulfilmentQueueInput = z.object({
  tab: z.enum(FULFILMENT_TABS).catch("new"),
  carrier: z.enum(["CDEK", "RUSSIAN_POST"]).optional().catch(undefined),
  kind: z.enum(["PHYSICAL", "DIGITAL"]).optional().catch(undefined),
  /** An order number or a phone number (the shopper's or the recipient's) written any common way. */
  q: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const TAB_STATUS: Partial<Record<FulfilmentTab, OrderStatus>> = {
  new: "NEW",
  approved: "APPROVED",
  shipped: "SHIPPED",
  delivered: "DELIVERED",
  cancelled: "CANCELLED",
};

/** Processing overdue: still new after its processing due date (business days from ordering). */
function processingOverdue(at: Date): Prisma.PrizeOrderWhereInput {
  return { status: "NEW", processingDueAt: { lt: at } };
}

/** Shipping overdue: a physical order not shipped by its shipping due date (days from ordering). */
function shippingOverdue(at: Date): Prisma.PrizeOrderWhereInput {
  return { status: { in: ["NEW", "APPROVED"] }, shippingDueAt: { lt: at } };
}

/** The order the staff work a tab in: what is due soonest first; finished orders newest first. */
const TAB_ORDER: Record<FulfilmentTab, Prisma.PrizeOrderOrderByWithRelationInput[]> = {
  new: [{ processingDueAt: "asc" }, { id: "asc" }],
  approved: [{ shippingDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  shipped: [{ shippedAt: "asc" }, { id: "asc" }],
  overdue: [{ processingDueAt: "asc" }, { id: "asc" }],
  delivered: [{ deliveredAt: "desc" }, { id: "desc" }],
  cancelled: [{ cancelledAt: "desc" }, { id: "desc" }],
};

/**
 * The staff's fulfilment queue: one tab per status plus "overdue" (processing or shipping past due), each
 * with its count under the same filters (carrier, prize kind, search by order number or phone). Rows carry
 * whether they are overdue, so the page can make them stand out in every tab.
 */
export async function listFulfilmentQueue(actor: StaffActor, input: z.infer<typeof fulfilmentQueueInput>) {
  assertActorRole(actor, AREA_ROLES.staff);
  const at = now();
  const empty = { items: [], counts: Object.fromEntries(FULFILMENT_TABS.map((tab) => [tab, 0])) as FulfilmentCounts, at, hasMore: false };

  const filters: Prisma.PrizeOrderWhereInput[] = [];
  if (input.carrier) filters.push({ carrier: input.carrier });
  if (input.kind) filters.push({ prize: { kind: input.kind } });
  if (input.q) {
    const number = input.q.replace(/^[№#]\s*/, "").trim();
    if (/^\d{1,9}$/.test(number)) filters.push({ id: Number(number) });
    else {
      const phone = normaliseRussianMobile(input.q);
      if (!phone) return { ...empty, searchProblem: "Введите номер заказа или телефон участника либо получателя." };
      filters.push({ OR: [{ recipientPhone: phone }, { customer: { phone } }] });
    }
  }
  const base: Prisma.PrizeOrderWhereInput = { AND: filters };
  const overdue: Prisma.PrizeOrderWhereInput = { OR: [processingOverdue(at), shippingOverdue(at)] };
  const tabWhere: Prisma.PrizeOrderWhereInput = input.tab === "overdue" ? overdue : { status: TAB_STATUS[input.tab] };

  const [byStatus, overdueCount, rows] = await Promise.all([
    db.prizeOrder.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    db.prizeOrder.count({ where: { AND: [base, overdue] } }),
    db.prizeOrder.findMany({
      where: { AND: [base, tabWhere] },
      orderBy: TAB_ORDER[input.tab],
      skip: (input.page - 1) * PAGE_SIZE,
      // One more than a page: whether there is a next page, without counting.
      take: PAGE_SIZE + 1,
      select: {
        id: true,
        status: true,
        createdAt: true,
        processingDueAt: true,
        shippingDueAt: true,
        shippedAt: true,
        carrier: true,
        pickupPointCode: true,
        pickupPointAddress: true,
        recipientName: true,
        recipientPhone: true,
        trackingNumber: true,
        deliveryEmail: true,
        pointsSpent: true,
        prize: { select: { id: true, title: true, kind: true } },
        code: { select: { codeHint: true, issuedAt: true } },
      },
    }),
  ]);

  const statusCount = new Map(byStatus.map((row) => [row.status, row._count._all]));
  const counts: FulfilmentCounts = {
    new: statusCount.get("NEW") ?? 0,
    approved: statusCount.get("APPROVED") ?? 0,
    shipped: statusCount.get("SHIPPED") ?? 0,
    overdue: overdueCount,
    delivered: statusCount.get("DELIVERED") ?? 0,
    cancelled: statusCount.get("CANCELLED") ?? 0,
  };
  const items = rows.slice(0, PAGE_SIZE).map((row) => ({
    ...row,
    processingOverdue: row.status === "NEW" && row.processingDueAt < at,
    shippingOverdue: (row.status === "NEW" || row.status === "APPROVED") && row.shippingDueAt !== null && row.shippingDueAt < at,
  }));
  return { items, counts, at, hasMore: rows.length > PAGE_SIZE, searchProblem: null };
}
