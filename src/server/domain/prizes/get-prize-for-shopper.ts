import "server-only";
import type { Carrier } from "@/generated/prisma/enums";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type ShopperPrize, shopperPrizeSelect, toShopperPrize } from "./shopper-prize-view";

/** What the order form starts with, so a returning shopper does not type it all again. */
export interface OrderFormPrefill {
  recipientName: string;
  recipientPhone: string;
  carrier: Carrier | null;
  pickupPoint: { code: string; name: string; address: string; city: string; workHours: string | null } | null;
  deliveryEmail: string;
}

/**
 * One active prize for its page and order form: availability against the shopper's balance, and the form's
 * prefill (the account's phone and contact email, the recipient and pickup point of their last physical order).
 * An inactive or unknown prize is "not found".
 */
export async function getPrizeForShopper(
  actor: Actor,
  prizeId: number,
): Promise<{ balance: number; prize: ShopperPrize; prefill: OrderFormPrefill }> {
  const [user, prize, lastPhysical, lastDigital] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { pointsBalance: true, phone: true, contactEmail: true, name: true } }),
    db.prize.findFirst({ where: { id: prizeId, isActive: true }, select: shopperPrizeSelect }),
    db.prizeOrder.findFirst({
      where: { customerId: actor.id, carrier: { not: null } },
      orderBy: { createdAt: "desc" },
      select: {
        recipientName: true,
        recipientPhone: true,
        carrier: true,
        pickupPoint: { select: { code: true, name: true, address: true, city: true, workHours: true, isActive: true } },
      },
    }),
    db.prizeOrder.findFirst({
      where: { customerId: actor.id, deliveryEmail: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { deliveryEmail: true },
    }),
  ]);
  if (!prize) throw new AppError("NOT_FOUND", "Приз не найден.");

  const point = lastPhysical?.pickupPoint;
  return {
    balance: user.pointsBalance,
    prize: toShopperPrize(prize, user.pointsBalance),
    prefill: {
      recipientName: lastPhysical?.recipientName ?? user.name ?? "",
      recipientPhone: lastPhysical?.recipientPhone ?? user.phone ?? "",
      carrier: lastPhysical?.carrier ?? null,
      // A point that has since closed is not offered again.
      pickupPoint: point?.isActive
        ? { code: point.code, name: point.name, address: point.address, city: point.city, workHours: point.workHours }
        : null,
      deliveryEmail: user.contactEmail ?? lastDigital?.deliveryEmail ?? "",
    },
  };
}
