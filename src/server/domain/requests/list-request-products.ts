import "server-only";
import { db } from "@/server/db/client";

/** Products a shopper can file a request about, in display order. */
export function listRequestProducts() {
  return db.product.findMany({ where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}
