import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** Brand staff's overview of the catalogue: products under review and prizes with their stock. */
export async function getCatalogueOverview(_actor: Actor) {
  const [products, prizes] = await Promise.all([
    db.product.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, sku: true, name: true, category: true, isActive: true },
    }),
    db.prize.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        partnerName: true,
        kind: true,
        pointsPrice: true,
        stock: true,
        isActive: true,
        // Free codes only: a code reserved by an order waiting for approval is no longer available.
        _count: { select: { codes: { where: { orderId: null } } } },
      },
    }),
  ]);
  return {
    products,
    prizes: prizes.map(({ _count, ...prize }) => ({
      ...prize,
      // Digital prizes are limited by their unreserved codes, physical ones by units in stock.
      available: prize.kind === "DIGITAL" ? _count.codes : prize.stock,
    })),
  };
}
