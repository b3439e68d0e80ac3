import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { listPrizesForStaff } from "./list-prizes-for-staff";

/** Brand staff's overview of the catalogue: products under review and prizes with what is left of them. */
export async function getCatalogueOverview(actor: StaffActor) {
  assertActorRole(actor, AREA_ROLES.staff);
  const [products, prizes] = await Promise.all([
    db.product.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, sku: true, name: true, category: true, isActive: true },
    }),
    listPrizesForStaff(actor),
  ]);
  return { products, prizes };
}
