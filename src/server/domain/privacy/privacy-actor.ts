import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import type { RoleActor } from "@/server/auth/assert-role";

/**
 * Who may export or delete a shopper's data: the shopper their own, an administrator anyone's (answering a
 * request that came by phone or letter). Moderators and brand staff have no part in it.
 */
export const PRIVACY_ROLES = ["CUSTOMER", "ADMIN"] as const satisfies readonly UserRole[];
export type PrivacyActor = RoleActor<(typeof PRIVACY_ROLES)[number]>;
