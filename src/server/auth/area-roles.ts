import "server-only";
import type { UserRole } from "@/generated/prisma/enums";

/**
 * Who the areas admit. The administrator sees every staff area; the cabinet is the shopper's own. A module
 * of its own (no next-auth, no database), so the domain verbs and the jobs that import them can name it.
 */
export const AREA_ROLES = {
  cabinet: ["CUSTOMER"],
  moderation: ["MODERATOR", "ADMIN"],
  staff: ["STAFF", "ADMIN"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly UserRole[]>;
