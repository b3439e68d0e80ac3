import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { OrderStatus, PrizeKind } from "@/generated/prisma/enums";
import { HOUR_MS } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { utcTimestampSql } from "@/server/db/moscow-time-sql";
import { DIGEST_ITEMS } from "./list-moderation-digest";

/** "Due soon" for fulfilment: due within this many hours (and not overdue yet). */
export const FULFILMENT_DUE_SOON_HOURS = 24;

/** Where an order stands against one of its deadlines. */
export type DeadlineState = "overdue" | "soon" | null;

export interface FulfilmentDigest {
  /** Orders still new after (or within a day of) their processing due date. */
  processingOverdue: number;
  processingSoon: number;
  /** Physical orders not shipped by (or within a day of) their shipping due date. */
  shippingOverdue: number;
  shippingSoon: number;
  /** Orders in the digest, each counted once whichever deadlines it is near; how many are past one. */
  orders: number;
  overdueOrders: number;
  /** The most urgent of them (earliest deadline first), at most DIGEST_ITEMS. */
  items: {
    id: number;
    status: OrderStatus;
    prizeTitle: string;
    prizeKind: PrizeKind;
    processingDueAt: Date;
    shippingDueAt: Date | null;
    processing: DeadlineState;
    shipping: DeadlineState;
  }[];
}

function stateOf(dueAt: Date | null, at: Date, soonUntil: Date): DeadlineState {
  if (!dueAt || dueAt >= soonUntil) return null;
  return dueAt < at ? "overdue" : "soon";
}

/**
 * Prize orders whose processing (still NEW) or shipping (NEW or APPROVED, physical) is due within a day or
 * overdue: the counts and the most urgent few, for the brand staff's morning digest. Only open orders are
 * read, through the (status, processing_due_at) index; two statements whatever the table's size.
 */
export async function listFulfilmentDigest({ at }: { at: Date }): Promise<FulfilmentDigest> {
  const soonUntil = new Date(at.getTime() + FULFILMENT_DUE_SOON_HOURS * HOUR_MS);
  const processingNear = Prisma.sql`(status = 'NEW' AND processing_due_at < ${utcTimestampSql(soonUntil)})`;
  const shippingNear = Prisma.sql`(shipping_due_at < ${utcTimestampSql(soonUntil)})`;
  const near = Prisma.sql`status IN ('NEW', 'APPROVED') AND (${processingNear} OR ${shippingNear})`;
  const [[counts], urgent] = await Promise.all([
    db.$queryRaw<[Omit<FulfilmentDigest, "items">]>`
      SELECT (count(*) FILTER (WHERE status = 'NEW' AND processing_due_at < ${utcTimestampSql(at)}))::int AS "processingOverdue",
             (count(*) FILTER (WHERE ${processingNear} AND processing_due_at >= ${utcTimestampSql(at)}))::int AS "processingSoon",
             (count(*) FILTER (WHERE shipping_due_at < ${utcTimestampSql(at)}))::int AS "shippingOverdue",
             (count(*) FILTER (WHERE ${shippingNear} AND shipping_due_at >= ${utcTimestampSql(at)}))::int AS "shippingSoon",
             count(*)::int AS orders,
             (count(*) FILTER (WHERE (status = 'NEW' AND processing_due_at < ${utcTimestampSql(at)}) OR shipping_due_at < ${utcTimestampSql(at)}))::int AS "overdueOrders"
        FROM prize_orders
       WHERE ${near}`,
    // The nearer of the deadlines that bring the order here (LEAST skips the NULL of the other one).
    db.$queryRaw<{ id: number }[]>`
      SELECT id FROM prize_orders
       WHERE ${near}
       ORDER BY LEAST(CASE WHEN ${processingNear} THEN processing_due_at END, CASE WHEN ${shippingNear} THEN shipping_due_at END), id
       LIMIT ${DIGEST_ITEMS}`,
  ]);
  const rows = urgent.length
    ? await db.prizeOrder.findMany({
        where: { id: { in: urgent.map((row) => row.id) } },
        select: { id: true, status: true, processingDueAt: true, shippingDueAt: true, prize: { select: { title: true, kind: true } } },
      })
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = urgent.flatMap(({ id }) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id,
        status: row.status,
        prizeTitle: row.prize.title,
        prizeKind: row.prize.kind,
        processingDueAt: row.processingDueAt,
        shippingDueAt: row.shippingDueAt,
        processing: row.status === "NEW" ? stateOf(row.processingDueAt, at, soonUntil) : null,
        shipping: stateOf(row.shippingDueAt, at, soonUntil),
      },
    ];
  });
  return { ...counts, items };
}
