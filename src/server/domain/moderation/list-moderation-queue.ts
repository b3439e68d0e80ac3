import "server-only";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

const OPEN_STATUSES = ["PENDING", "IN_REVIEW"] as const;

/** Requests waiting for a decision, the most urgent (earliest due) first. */
export async function listModerationQueue(_actor: Actor, options: { take?: number } = {}) {
  const at = now();
  const where = { status: { in: [...OPEN_STATUSES] } };
  const [items, openCount, overdueCount] = await Promise.all([
    db.reviewRequest.findMany({
      where,
      orderBy: { dueAt: "asc" },
      take: options.take ?? 50,
      select: {
        id: true,
        status: true,
        filedAt: true,
        dueAt: true,
        platform: true,
        product: { select: { name: true } },
      },
    }),
    db.reviewRequest.count({ where }),
    db.reviewRequest.count({ where: { ...where, dueAt: { lt: at } } }),
  ]);
  return { items, openCount, overdueCount, at };
}
