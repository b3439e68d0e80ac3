import "server-only";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";

/** The most urgent open request nobody else is working on, other than `afterId`. */
export async function findNextRequest(actor: Actor, options: { excludeId?: number } = {}): Promise<number | null> {
  const at = now();
  const next = await db.reviewRequest.findFirst({
    where: {
      status: { in: ["PENDING", "IN_REVIEW"] },
      id: options.excludeId ? { not: options.excludeId } : undefined,
      parts: { some: { status: "PENDING" } },
      OR: [{ claimedById: null }, { claimExpiresAt: { lte: at } }, { claimedById: actor.id }],
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}
