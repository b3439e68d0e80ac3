import "server-only";
import { db } from "@/server/db/client";

/** Standard rejection reasons offered to moderators, per part kind (null = any part). */
export function listRejectionTemplates() {
  return db.rejectionTemplate.findMany({ where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, partKind: true, title: true, text: true } });
}
