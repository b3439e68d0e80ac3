import "server-only";
import type { CalendarDayKind, CalendarExceptions } from "./business-days";

/**
 * The Russian production calendar's exceptions to the Monday–Friday week for 2025–2027, as seeded into
 * calendar_days by prisma/migrations/20261122120000_russian_calendar_2025_2027 (a test keeps the two equal;
 * administrators edit the table afterwards, so later changes go there or into a new migration).
 *
 * Listed: every non-working public holiday of the Labour Code art. 112 part 1 (1–6 and 8 January — New Year
 * holidays, 7 January — Christmas, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November), even when it
 * falls on a weekend; each day off moved onto a weekday; each weekend day made a working day.
 *
 * Sources:
 * - 2025: Government decree of 04.10.2024 No. 1335 "О переносе выходных дней в 2025 году": days off moved
 *   from Sat 4 January to Fri 2 May, Sun 5 January to Wed 31 December, Sun 23 February to Thu 8 May,
 *   Sat 8 March to Fri 13 June, Sat 1 November to Mon 3 November (so Saturday 1 November is a working day).
 *   247 working days.
 * - 2026: Government decree of 24.09.2025 No. 1466 "О переносе выходных дней в 2026 году": from Sat 3 January
 *   to Fri 9 January, Sun 4 January to Thu 31 December. Sunday 8 March and Saturday 9 May move to Mon 9 March
 *   and Mon 11 May by art. 112 part 2 itself. 247 working days.
 * - 2027: NO DECREE YET (none published when this was written). Derived from art. 112 alone: the holidays
 *   of part 1, and by part 2 the weekend holidays Sat 1 May, Sun 9 May and Sat 12 June move to the next
 *   working days (Mon 3 May, Mon 10 May, Mon 14 June). The weekend New Year days, Sat 2 and Sun 3 January, are
 *   NOT moved here: part 2 leaves them to the government's decree, which will name their new dates (and any
 *   working Saturday). Until an administrator enters that decree (calendar administration or a new migration),
 *   2027 has 249 working days rather than the usual 247, and due dates near the days it moves may be off by a day.
 */
export interface ProductionCalendarDay {
  /** "YYYY-MM-DD" (a Moscow calendar date). */
  date: string;
  kind: CalendarDayKind;
  note: string;
}

const NEW_YEAR = "Новогодние каникулы";
const CHRISTMAS = "Рождество Христово";
const DEFENDER = "День защитника Отечества";
const WOMEN = "Международный женский день";
const MAY_DAY = "Праздник Весны и Труда";
const VICTORY = "День Победы";
const RUSSIA = "День России";
const UNITY = "День народного единства";

function holiday(date: string, note: string): ProductionCalendarDay {
  return { date, kind: "HOLIDAY", note };
}

function newYearHolidays(year: number): ProductionCalendarDay[] {
  return [1, 2, 3, 4, 5, 6, 7, 8].map((day) => holiday(`${year}-01-0${day}`, day === 7 ? CHRISTMAS : NEW_YEAR));
}

export const RUSSIAN_PRODUCTION_CALENDAR: readonly ProductionCalendarDay[] = [
  // 2025 — decree No. 1335 of 04.10.2024.
  ...newYearHolidays(2025),
  holiday("2025-02-23", DEFENDER),
  holiday("2025-03-08", WOMEN),
  holiday("2025-05-01", MAY_DAY),
  holiday("2025-05-02", "Перенос выходного с 4 января"),
  holiday("2025-05-08", "Перенос выходного с 23 февраля"),
  holiday("2025-05-09", VICTORY),
  holiday("2025-06-12", RUSSIA),
  holiday("2025-06-13", "Перенос выходного с 8 марта"),
  { date: "2025-11-01", kind: "WORKING_DAY", note: "Рабочая суббота: выходной перенесён на 3 ноября" },
  holiday("2025-11-03", "Перенос выходного с 1 ноября"),
  holiday("2025-11-04", UNITY),
  holiday("2025-12-31", "Перенос выходного с 5 января"),

  // 2026 — decree No. 1466 of 24.09.2025.
  ...newYearHolidays(2026),
  holiday("2026-01-09", "Перенос выходного с 3 января"),
  holiday("2026-02-23", DEFENDER),
  holiday("2026-03-08", WOMEN),
  holiday("2026-03-09", "Перенос выходного с 8 марта (ст. 112 ТК РФ)"),
  holiday("2026-05-01", MAY_DAY),
  holiday("2026-05-09", VICTORY),
  holiday("2026-05-11", "Перенос выходного с 9 мая (ст. 112 ТК РФ)"),
  holiday("2026-06-12", RUSSIA),
  holiday("2026-11-04", UNITY),
  holiday("2026-12-31", "Перенос выходного с 4 января"),

  // 2027 — no decree yet: art. 112 only (see above).
  ...newYearHolidays(2027),
  holiday("2027-02-23", DEFENDER),
  holiday("2027-03-08", WOMEN),
  holiday("2027-05-01", MAY_DAY),
  holiday("2027-05-03", "Перенос выходного с 1 мая (ст. 112 ТК РФ)"),
  holiday("2027-05-09", VICTORY),
  holiday("2027-05-10", "Перенос выходного с 9 мая (ст. 112 ТК РФ)"),
  holiday("2027-06-12", RUSSIA),
  holiday("2027-06-14", "Перенос выходного с 12 июня (ст. 112 ТК РФ)"),
  holiday("2027-11-04", UNITY),
];

/** The calendar above as the exceptions map business-days.ts takes. */
export function russianProductionCalendarExceptions(): CalendarExceptions {
  return new Map(RUSSIAN_PRODUCTION_CALENDAR.map((day) => [day.date, day.kind]));
}
