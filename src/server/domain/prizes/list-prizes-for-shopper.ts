import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { type ShopperPrize, shopperPrizeSelect, toShopperPrize } from "./shopper-prize-view";

/**
 * The shopper's catalogue: active prizes in display order, each with whether it is in stock and whether
 * the shopper's balance covers it now (or how many points are missing).
 */
export async function listPrizesForShopper(actor: Actor): Promise<{ balance: number; prizes: ShopperPrize[] }> {
  const [user, prizes] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { pointsBalance: true } }),
    db.prize.findMany({
      where: { isActive: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: shopperPrizeSelect,
    }),
  ]);
  return { balance: user.pointsBalance, prizes: prizes.map((prize) => toShopperPrize(prize, user.pointsBalance)) };
}
