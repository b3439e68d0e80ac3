import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** The shopper's own requests, newest first. */
export async function listMyRequests(actor: Actor, options: { take?: number } = {}) {
  return db.reviewRequest.findMany({
    where: { customerId: actor.id },
    orderBy: { filedAt: "desc" },
    take: options.take ?? 100,
    select: {
      id: true,
      status: true,
      filedAt: true,
      dueAt: true,
      product: { select: { name: true } },
      parts: { orderBy: { kind: "asc" }, select: { kind: true, status: true, points: true } },
    },
  });
}
