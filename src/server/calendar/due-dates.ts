import "server-only";
import { utcDateKey } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { addBusinessDays, type CalendarExceptions } from "./business-days";

/**
 * Due dates on the calendar administrators keep in calendar_days (seeded with the Russian production
 * calendar). The table is read at most once a minute per process: filing a request must not cost a query,
 * and an administrator's edit reaching every process within a minute is soon enough (the editing process
 * itself calls invalidateCalendarCache()).
 */
const CACHE_TTL_MS = 60_000;

let cache: { exceptions: CalendarExceptions; loadedAt: number } | null = null;
let loading: Promise<CalendarExceptions> | null = null;
/** Bumped by invalidation, so a load that started before an edit does not refill the cache with old rows. */
let generation = 0;

/** `start` plus `days` business days, same Moscow clock time (see business-days.ts for the exact rule). */
export async function dueAfterBusinessDays(start: Date, days: number): Promise<Date> {
  return addBusinessDays(start, days, await calendarExceptions());
}

/** The calendar's exceptions, from the cache while it is fresh. */
export async function calendarExceptions(): Promise<CalendarExceptions> {
  if (cache && Date.now() - cache.loadedAt < CACHE_TTL_MS) return cache.exceptions;
  // Concurrent callers share one query instead of each loading the table.
  if (!loading) {
    const load = loadExceptions().finally(() => {
      if (loading === load) loading = null;
    });
    loading = load;
  }
  return loading;
}

/** Forget the cached calendar: call after changing calendar_days (and in tests). */
export function invalidateCalendarCache(): void {
  generation += 1;
  cache = null;
  loading = null;
}

async function loadExceptions(): Promise<CalendarExceptions> {
  const startedIn = generation;
  const rows = await db.calendarDay.findMany({ select: { date: true, kind: true } });
  // A DATE column comes back as UTC midnight of that date: its ISO date is the calendar date itself.
  const exceptions: CalendarExceptions = new Map(rows.map((row) => [utcDateKey(row.date), row.kind]));
  if (startedIn === generation) cache = { exceptions, loadedAt: Date.now() };
  return exceptions;
}
