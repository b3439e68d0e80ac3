import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** The shopper's own prize orders, newest first, with what the list shows of each. */
export async function listMyOrders(actor: Actor, options: { take?: number } = {}) {
  return db.prizeOrder.findMany({
    where: { customerId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 100,
    select: {
      id: true,
      status: true,
      pointsSpent: true,
      createdAt: true,
      carrier: true,
      trackingNumber: true,
      prize: {
        select: {
          title: true,
          kind: true,
          imageUrl: true,
          images: { where: { kind: "PRIZE_IMAGE" }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], take: 1, select: { id: true } },
        },
      },
    },
  });
}
