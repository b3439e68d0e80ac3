import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { staffUserIdSchema } from "./staff-input";

export const setStaffActiveInput = z.object({
  userId: staffUserIdSchema,
  isActive: z.boolean({ error: "Укажите, включить или отключить учётную запись." }),
});

/**
 * Deactivates or reactivates a staff account. A deactivated account cannot sign in, and its open sessions
 * stop working at their next request: isActive is re-read every request, and deactivation also bumps the
 * session version, so no session from before comes back with a reactivation. An administrator
 * cannot deactivate themselves, so the portal always keeps an active administrator.
 */
export async function setStaffActive(actor: AdminActor, input: z.infer<typeof setStaffActiveInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  if (input.userId === actor.id && !input.isActive) throw new AppError("CONFLICT", "Нельзя отключить собственную учётную запись — попросите другого администратора.");
  const at = now();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true, email: true } });
    if (!user || user.role === "CUSTOMER") throw new AppError("NOT_FOUND", "Сотрудник не найден — обновите страницу.");
    // Conditional, so a double click (or two administrators) writes one change and one audit row.
    const { count } = await tx.user.updateMany({
      where: { id: input.userId, isActive: !input.isActive },
      data: { isActive: input.isActive, ...(input.isActive ? {} : { sessionVersion: { increment: 1 } }) },
    });
    if (count === 0) return { changed: false };
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: input.isActive ? "staff.activate" : "staff.deactivate",
      entityType: "User",
      entityId: input.userId,
      data: { email: user.email, role: user.role },
      at,
    });
    return { changed: true };
  });
}
