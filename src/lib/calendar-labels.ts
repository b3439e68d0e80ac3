// Russian labels for calendar dates given as "YYYY-MM-DD" (a Moscow calendar date with no time).
// Formatted in UTC on purpose: the key's UTC midnight is that very date, whatever the viewer's zone.
import { utcMidnight } from "@/lib/moscow-time";

const dayMonth = new Intl.DateTimeFormat("ru-RU", { timeZone: "UTC", day: "numeric", month: "long" });
const dayMonthYear = new Intl.DateTimeFormat("ru-RU", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const weekdayLong = new Intl.DateTimeFormat("ru-RU", { timeZone: "UTC", weekday: "long" });
const weekdayShort = new Intl.DateTimeFormat("ru-RU", { timeZone: "UTC", weekday: "short" });

export const MONTH_NAMES = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"] as const;

export const CALENDAR_DAY_KIND_LABEL = { HOLIDAY: "Выходной", WORKING_DAY: "Рабочий день" } as const;

/** "1 мая" */
export function formatDayMonth(key: string): string {
  return dayMonth.format(utcMidnight(key));
}

/** "1 мая 2026 (пятница)" */
export function formatCalendarDate(key: string): string {
  const date = utcMidnight(key);
  return `${dayMonthYear.format(date).replace(/\s*г\.$/, "")} (${weekdayLong.format(date)})`;
}

/** "пт" */
export function formatWeekdayShort(key: string): string {
  return weekdayShort.format(utcMidnight(key));
}
