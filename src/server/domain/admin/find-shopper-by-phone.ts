import "server-only";
import { z } from "zod";
import { normaliseRussianMobile } from "@/lib/phone";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const findShopperByPhoneInput = z.object({ phone: z.string({ error: "Введите номер телефона участника." }).max(40, "Номер слишком длинный.") });

/** How many of the shopper's latest ledger entries the adjustment page shows. */
const RECENT_ENTRIES = 10;

/**
 * The shopper with this mobile (written any common way), their balance and latest ledger entries, for a
 * manual adjustment. Null when nobody has that number.
 */
export async function findShopperByPhone(actor: AdminActor, input: z.infer<typeof findShopperByPhoneInput>) {
  assertActorRole(actor, AREA_ROLES.admin);
  const phone = normaliseRussianMobile(input.phone);
  if (!phone) throw new AppError("VALIDATION", "Введите мобильный номер участника, например +7 912 345-67-89 или 8 912 345 67 89.", { fieldErrors: { phone: "Неверный номер." } });
  const shopper = await db.user.findFirst({
    where: { phone, role: "CUSTOMER" },
    select: {
      id: true,
      phone: true,
      name: true,
      isActive: true,
      pointsBalance: true,
      createdAt: true,
      ledgerEntries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_ENTRIES,
        select: { id: true, kind: true, amount: true, balanceAfter: true, reason: true, createdAt: true, createdBy: { select: { name: true, email: true } } },
      },
    },
  });
  return shopper;
}
