import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { staffRoleSchema, staffUserIdSchema } from "./staff-input";

export const changeStaffRoleInput = z.object({ userId: staffUserIdSchema, role: staffRoleSchema });

/**
 * Gives a staff member another role. Their sessions end (the session version is bumped): they sign in
 * again and land in the new role's area rather than on a page of the old one.
 * An administrator cannot change their own role: that keeps at least one administrator in the portal.
 */
export async function changeStaffRole(actor: AdminActor, input: z.infer<typeof changeStaffRoleInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  if (input.userId === actor.id) throw new AppError("CONFLICT", "Свою роль изменить нельзя — попросите другого администратора.");
  const at = now();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true, email: true } });
    if (!user || user.role === "CUSTOMER") throw new AppError("NOT_FOUND", "Сотрудник не найден — обновите страницу.");
    if (user.role === input.role) return { changed: false };
    // Conditional on the role read above, so two administrators changing it at once log exact before/after.
    const { count } = await tx.user.updateMany({ where: { id: input.userId, role: user.role }, data: { role: input.role, sessionVersion: { increment: 1 } } });
    if (count === 0) throw new AppError("CONFLICT", "Роль только что изменил другой администратор — обновите страницу.");
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "staff.role-change",
      entityType: "User",
      entityId: input.userId,
      data: { email: user.email, before: { role: user.role }, after: { role: input.role } },
      at,
    });
    return { changed: true };
  });
}
