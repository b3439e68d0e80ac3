import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { OPEN_REQUESTS, queueDueConditions } from "./list-moderation-queue";

/** Where an open request stands against its due time; each request is in exactly one. */
export const DUE_STATES = ["overdue", "today", "soon", "later"] as const;
export type DueState = (typeof DUE_STATES)[number];

/**
 * Open requests by due state at `at`, by the queue's own rule (queueDueConditions): overdue; due today;
 * due soon but not today; later. An index-only scan over open requests (review_requests_open_queue_idx),
 * whatever the number of decided ones.
 */
export async function countOpenRequests(at: Date): Promise<Record<DueState, number>> {
  const [counts] = await db.$queryRaw<[Record<DueState, number>]>(openRequestCountsSql(at));
  return counts;
}

/** The statement itself, for bench/metrics.ts to show its plan. */
export function openRequestCountsSql(at: Date): Prisma.Sql {
  const due = queueDueConditions(at);
  return Prisma.sql`
    SELECT (count(*) FILTER (WHERE ${due.overdue}))::int AS overdue,
           (count(*) FILTER (WHERE ${due.today}))::int AS today,
           (count(*) FILTER (WHERE ${due.soon} AND NOT (${due.today})))::int AS soon,
           (count(*) FILTER (WHERE NOT (${due.overdue}) AND NOT (${due.today}) AND NOT (${due.soon})))::int AS later
      FROM review_requests
     WHERE ${OPEN_REQUESTS}`;
}
