import "server-only";
import { z } from "zod";
import { normaliseRussianMobile } from "@/lib/phone";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { PRIVACY_QUERY_MAX_LENGTH } from "@/lib/rules/privacy-search";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

/**
 * A phone written any common way, or an account number ("№123", "123"): after deletion the phone is gone,
 * so a repeated request (or a retry of failed file deletions) finds the account by its number.
 */
export const findShopperForPrivacyInput = z.object({
  query: z.string({ error: "Введите телефон или номер участника." }).trim().min(1, "Введите телефон или номер участника.").max(PRIVACY_QUERY_MAX_LENGTH),
});

export interface ShopperForPrivacy {
  id: number;
  phone: string | null;
  contactEmail: string | null;
  registeredAt: Date;
  anonymisedAt: Date | null;
  isActive: boolean;
  pointsBalance: number;
  requests: number;
  ordersInProgress: number[];
}

/** Administrators: the shopper a data request is about, with what decides whether deletion can go ahead. */
export async function findShopperForPrivacy(actor: AdminActor, input: z.infer<typeof findShopperForPrivacyInput>): Promise<ShopperForPrivacy | null> {
  assertActorRole(actor, AREA_ROLES.admin);
  const accountNumber = /^(?:№|#)?\s*(\d{1,9})$/.exec(input.query);
  const phone = accountNumber && input.query.replace(/\D/g, "").length < 10 ? null : normaliseRussianMobile(input.query);
  if (!phone && !accountNumber) throw new AppError("VALIDATION", "Проверьте номер: нужен российский мобильный (+7…) или номер участника.");
  const where = phone ? { phone, role: "CUSTOMER" as const } : { id: Number(accountNumber![1]), role: "CUSTOMER" as const };

  const user = await db.user.findFirst({
    where,
    select: { id: true, phone: true, contactEmail: true, createdAt: true, anonymisedAt: true, isActive: true, pointsBalance: true, _count: { select: { requests: true } } },
  });
  if (!user) return null;
  const inProgress = await db.prizeOrder.findMany({
    where: { customerId: user.id, status: { in: ["NEW", "APPROVED", "SHIPPED"] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return {
    id: user.id,
    phone: user.phone,
    contactEmail: user.contactEmail,
    registeredAt: user.createdAt,
    anonymisedAt: user.anonymisedAt,
    isActive: user.isActive,
    pointsBalance: user.pointsBalance,
    requests: user._count.requests,
    ordersInProgress: inProgress.map((order) => order.id),
  };
}
