import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** The shopper's front page: balance, points history and notifications — their own only. */
export async function getCabinetOverview(actor: Actor) {
  const [user, entries, notifications] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { pointsBalance: true, createdAt: true } }),
    db.ledgerEntry.findMany({
      where: { customerId: actor.id },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, kind: true, amount: true, balanceAfter: true, reason: true, createdAt: true },
    }),
    db.notification.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return { balance: user.pointsBalance, memberSince: user.createdAt, entries, notifications };
}
