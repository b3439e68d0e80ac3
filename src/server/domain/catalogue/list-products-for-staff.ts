import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";

/** The products shoppers review, with the shops that sell them and how receipts write them, for the staff's "Продукты" page. */
export async function listProductsForStaff(actor: StaffActor) {
  assertActorRole(actor, AREA_ROLES.staff);
  return db.product.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sku: true,
      name: true,
      category: true,
      imageUrl: true,
      isActive: true,
      matchTerms: true,
      gtins: true,
      shopLinks: { orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { shopName: true, url: true } },
    },
  });
}
