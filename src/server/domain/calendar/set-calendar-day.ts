import "server-only";
import { z } from "zod";
import type { CalendarDayKind } from "@/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/calendar-labels";
import { isWeekend, utcMidnight } from "@/lib/moscow-time";
import { CALENDAR_NOTE_MAX_LENGTH } from "@/lib/rules/calendar";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { isBusinessDayWith } from "@/server/calendar/business-days";
import { invalidateCalendarCache } from "@/server/calendar/due-dates";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { calendarDateSchema } from "./calendar-day-input";
import { lockCalendar, rescheduleOpenRequests } from "./reschedule-open-requests";

export const setCalendarDayInput = z.object({
  date: calendarDateSchema,
  kind: z.enum(["HOLIDAY", "WORKING_DAY"], { error: "Выберите, чем будет этот день: выходным или рабочим." }),
  note: z.string().trim().max(CALENDAR_NOTE_MAX_LENGTH, `Примечание — не длиннее ${CALENDAR_NOTE_MAX_LENGTH} символов.`).nullish(),
});

export interface SetCalendarDayResult {
  date: string;
  kind: CalendarDayKind;
  note: string | null;
  outcome: "CREATED" | "UPDATED" | "UNCHANGED";
  /** Open requests whose due date moved. */
  rescheduled: number;
}

/** Open-request due dates can take a while to recompute when the queue is long. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Adds a date to the calendar's exceptions or changes one: a HOLIDAY (a public holiday or a day off the
 * government moved onto a weekday) or a WORKING_DAY (a Saturday or Sunday made a working day). In the
 * same transaction: the audit row and the new due dates of the open requests the change affects. The
 * calendar cache is dropped after commit, so filings from then on use the new calendar.
 *
 * A WORKING_DAY only means something on a weekend and a HOLIDAY only on a weekday; anything else is
 * refused as the mistake it almost certainly is. The exception: the production calendar lists public
 * holidays even when they fall on a weekend (8 March 2026 is a Sunday), and those rows keep their kind
 * so an administrator can still edit their note.
 */
export async function setCalendarDay(actor: AdminActor, input: z.infer<typeof setCalendarDayInput>): Promise<SetCalendarDayResult> {
  assertActorRole(actor, AREA_ROLES.admin);
  const note = input.note?.trim() || null;
  const weekend = isWeekend(input.date);
  if (input.kind === "WORKING_DAY" && !weekend) {
    const message = `${formatCalendarDate(input.date)} — это и так рабочий день. Рабочим отмечают только субботу или воскресенье, на которые перенесён рабочий день.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { kind: message } });
  }
  const settings = await getProgrammeSettings();
  const at = now();
  const date = utcMidnight(input.date);

  const result = await db.$transaction(
    async (tx) => {
      await lockCalendar(tx);
      const before = await tx.calendarDay.findUnique({ where: { date }, select: { kind: true, note: true } });
      if (input.kind === "HOLIDAY" && weekend && before?.kind !== "HOLIDAY") {
        const message = `${formatCalendarDate(input.date)} — это и так выходной. Выходным отмечают будний день: праздник или перенесённый выходной.`;
        throw new AppError("VALIDATION", message, { fieldErrors: { kind: message } });
      }
      if (before && before.kind === input.kind && before.note === note) {
        return { date: input.date, kind: input.kind, note, outcome: "UNCHANGED", rescheduled: 0 } as const;
      }
      await tx.calendarDay.upsert({
        where: { date },
        create: { date, kind: input.kind, note, updatedById: actor.id },
        update: { kind: input.kind, note, updatedById: actor.id },
      });
      // Only a change of whether the date is a business day moves due dates (a new note does not).
      const rescheduled =
        isBusinessDayWith(input.date, before?.kind ?? null) === isBusinessDayWith(input.date, input.kind)
          ? 0
          : await rescheduleOpenRequests(tx, { dateKey: input.date, businessDays: settings.moderationBusinessDays, at });
      await writeAuditEntry(tx, {
        actorId: actor.id,
        action: before ? "calendar-day.update" : "calendar-day.create",
        entityType: "CalendarDay",
        entityId: input.date,
        data: { before, after: { kind: input.kind, note }, rescheduledRequests: rescheduled },
        at,
      });
      return { date: input.date, kind: input.kind, note, outcome: before ? "UPDATED" : "CREATED", rescheduled } as const;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  if (result.outcome !== "UNCHANGED") invalidateCalendarCache();
  return result;
}
