import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { utcMidnight } from "@/lib/moscow-time";
import { isBusinessDayWith } from "@/server/calendar/business-days";
import { invalidateCalendarCache } from "@/server/calendar/due-dates";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { calendarDateSchema } from "./calendar-day-input";
import { lockCalendar, rescheduleOpenRequests } from "./reschedule-open-requests";

export const removeCalendarDayInput = z.object({ date: calendarDateSchema });

/** Open-request due dates can take a while to recompute when the queue is long. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Removes a date from the calendar's exceptions: it becomes an ordinary weekday or weekend day again.
 * In the same transaction: the audit row (with what the row was) and the new due dates of the open
 * requests the change affects; the calendar cache is dropped after commit.
 */
export async function removeCalendarDay(actor: AdminActor, input: z.infer<typeof removeCalendarDayInput>): Promise<{ date: string; rescheduled: number }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const settings = await getProgrammeSettings();
  const at = now();
  const date = utcMidnight(input.date);

  const rescheduled = await db.$transaction(
    async (tx) => {
      await lockCalendar(tx);
      const before = await tx.calendarDay.findUnique({ where: { date }, select: { kind: true, note: true } });
      if (!before) throw new AppError("NOT_FOUND", "Этой даты уже нет среди исключений — обновите страницу.");
      await tx.calendarDay.delete({ where: { date } });
      const moved =
        isBusinessDayWith(input.date, before.kind) === isBusinessDayWith(input.date, null)
          ? 0
          : await rescheduleOpenRequests(tx, { dateKey: input.date, businessDays: settings.moderationBusinessDays, at });
      await writeAuditEntry(tx, {
        actorId: actor.id,
        action: "calendar-day.remove",
        entityType: "CalendarDay",
        entityId: input.date,
        data: { before, rescheduledRequests: moved },
        at,
      });
      return moved;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  invalidateCalendarCache();
  return { date: input.date, rescheduled };
}
