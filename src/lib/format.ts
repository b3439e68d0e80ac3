// Russian formatting for the UI. All dates are shown in Moscow time, the programme's time zone
// (src/lib/moscow-time.ts); date keys without a time are labelled by src/lib/calendar-labels.ts.
import { PROGRAMME_TIME_ZONE } from "@/lib/moscow-time";
import { pluralRu } from "@/lib/plural-ru";

const pointsFormat = new Intl.NumberFormat("ru-RU");
const dateTimeFormat = new Intl.DateTimeFormat("ru-RU", {
  timeZone: PROGRAMME_TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateFormat = new Intl.DateTimeFormat("ru-RU", { timeZone: PROGRAMME_TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" });

export function formatPoints(points: number): string {
  return pointsFormat.format(points);
}

/** A count with Russian digit grouping: 12 345. */
export function formatCount(count: number): string {
  return pointsFormat.format(count);
}

/** "100 000": digits grouped by an ordinary space, for messages read (and matched) as typed. */
export function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** "балл", "балла", "баллов" for this many points. */
export function pointsWord(points: number): string {
  return pluralRu(points, ["балл", "балла", "баллов"]);
}

export function formatSignedPoints(points: number): string {
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${pointsFormat.format(Math.abs(points))}`;
}

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

const roublesFormat = new Intl.NumberFormat("ru-RU", { style: "currency", currency: "RUB", minimumFractionDigits: 2 });

/** Money is kept in kopecks (integers); shown as roubles. */
export function formatRoubles(kopecks: number): string {
  return roublesFormat.format(kopecks / 100);
}

/** "в течение N рабочих дней" with the right case: 1 рабочего дня, 2 рабочих дней, 21 рабочего дня. */
export function businessDaysText(days: number): string {
  return `${days} ${pluralRu(days, ["рабочего дня", "рабочих дней", "рабочих дней"])}`;
}

/** "в течение N дней" with the right case: 1 дня, 2 дней, 21 дня. */
export function calendarDaysText(days: number): string {
  return `${days} ${pluralRu(days, ["дня", "дней", "дней"])}`;
}

/** "за N рабочих дней" / a count on its own (nominative and accusative alike): 1 рабочий день, 3 рабочих дня, 5 рабочих дней. */
export function businessDaysAccusative(days: number): string {
  return `${days} ${pluralRu(days, ["рабочий день", "рабочих дня", "рабочих дней"])}`;
}

/** "через N дней" / a count on its own: 1 день, 3 дня, 5 дней. */
export function calendarDaysAccusative(days: number): string {
  return `${days} ${pluralRu(days, ["день", "дня", "дней"])}`;
}
