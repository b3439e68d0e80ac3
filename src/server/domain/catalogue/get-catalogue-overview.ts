import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { listPrizesForStaff } from "./list-prizes-for-staff";

/** Brand staff's overview of the catalogue: products under review and prizes with what is left of them. */
export async function getCatalogueOverview(actor: Actor) {
  const [products, prizes] = await Promise.all([
    db.product.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, sku: true, name: true, category: true, isActive: true },
    }),
    listPrizesForStaff(actor),
  ]);
  return { products, prizes };
}
