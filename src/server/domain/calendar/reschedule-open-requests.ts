import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { DAY_MS, atMoscowTime, startOfMoscowDay, utcDateKey } from "@/lib/moscow-time";
import { addBusinessDays, type CalendarExceptions } from "@/server/calendar/business-days";
import type { Tx } from "@/server/db/client";
import { moscowDateKeySql } from "@/server/db/moscow-time-sql";

/**
 * Serialises calendar changes: each one reads the whole calendar to recompute due dates, so two
 * administrators' edits running at once would each recompute without the other's day.
 */
export async function lockCalendar(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('calendar_days', 0))`;
}

/**
 * After the calendar changed on `dateKey` (in this transaction), moves the due date of every open request
 * the change affects to what the new calendar gives: the `businessDays`-th business day after the Moscow
 * date its current moderation round started (filing, or the latest re-submission — see
 * resubmit-request-part.ts), at the same clock time.
 *
 * Affected means: the round started before that date and the current due date is on or after it. A day
 * after the due date cannot change the count, and neither can the start date itself. Requests that were
 * given their due date under another SLA setting get the current setting, as a newly filed one would.
 *
 * Set-wise, for any number of open requests: the due date only depends on the start's Moscow date, so
 * addBusinessDays (the one definition of the rule) runs once per distinct start date, and a single UPDATE
 * applies the resulting whole-day offsets (Moscow has no daylight saving, so whole days keep the clock time).
 * Returns how many requests got a new due date.
 */
export async function rescheduleOpenRequests(tx: Tx, input: { dateKey: string; businessDays: number; at: Date }): Promise<number> {
  // Midnight in Moscow, as an instant: the columns hold UTC.
  const dayStart = startOfMoscowDay(input.dateKey);
  const affected = Prisma.sql`
    SELECT rr.id,
           GREATEST(rr.filed_at, COALESCE((SELECT max(p.submitted_at) FROM request_parts p WHERE p.request_id = rr.id), rr.filed_at)) AS started_at
      FROM review_requests rr
     WHERE rr.status IN ('PENDING', 'IN_REVIEW')
       AND rr.due_at >= ${dayStart}
       AND rr.filed_at < ${dayStart}`;
  const startDates = await tx.$queryRaw<{ start_date: string }[]>`
    SELECT DISTINCT ${moscowDateKeySql("a.started_at")} AS start_date
      FROM (${affected}) a
     WHERE a.started_at < ${dayStart}`;
  if (startDates.length === 0) return 0;

  const rows = await tx.calendarDay.findMany({ select: { date: true, kind: true } });
  const exceptions: CalendarExceptions = new Map(rows.map((row) => [utcDateKey(row.date), row.kind]));
  const keys = startDates.map((row) => row.start_date);
  const offsets = keys.map((key) => {
    const noon = atMoscowTime(key, "12:00:00");
    return Math.round((addBusinessDays(noon, input.businessDays, exceptions).getTime() - noon.getTime()) / DAY_MS);
  });

  // The status is re-checked on the row itself: a request decided meanwhile keeps its due date.
  return tx.$executeRaw`
    UPDATE review_requests r
       SET due_at = a.started_at + make_interval(days => s.days),
           updated_at = ${input.at}
      FROM (${affected}) a
      JOIN unnest(${keys}::text[], ${offsets}::int[]) AS s(start_date, days)
        ON s.start_date = ${moscowDateKeySql("a.started_at")}
     WHERE r.id = a.id
       AND a.started_at < ${dayStart}
       AND r.status IN ('PENDING', 'IN_REVIEW')
       AND r.due_at IS DISTINCT FROM a.started_at + make_interval(days => s.days)`;
}
