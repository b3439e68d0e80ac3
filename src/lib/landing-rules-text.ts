// The landing page's rule sentences, built from the current programme settings (so a changed setting reads
// right at once, in the right Russian case). Pure: the page and its unit test share it.
import { FORFEITURE_WARNING_DAYS } from "@/lib/rules/forfeiture-warnings";
import { businessDaysAccusative, businessDaysText, calendarDaysAccusative, calendarDaysText, formatDate, formatPoints } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";

export interface LandingRules {
  reviewPoints: number;
  receiptPoints: number;
  moderationBusinessDays: number;
  shippingDays: number;
  forfeitureMonths: number;
  maxScreenshots: number;
  campaignStartsAt: Date | null;
  campaignEndsAt: Date | null;
}

export function pointsText(points: number): string {
  return `${formatPoints(points)} ${pluralRu(points, ["балл", "балла", "баллов"])}`;
}

export function monthsText(months: number): string {
  return `${months} ${pluralRu(months, ["месяц", "месяца", "месяцев"])}`;
}

/** "до 5 скриншотов", "до 1 скриншота". */
export function upToScreenshotsText(count: number): string {
  return `до ${count} ${pluralRu(count, ["скриншота", "скриншотов", "скриншотов"])}`;
}

/** "за 30 и 7 дней" before the forfeiture date. */
export function forfeitureWarningsText(): string {
  const days = [...FORFEITURE_WARNING_DAYS];
  const last = days.pop()!;
  return `за ${days.length > 0 ? `${days.join(", ")} и ` : ""}${last} ${pluralRu(last, ["день", "дня", "дней"])}`;
}

/** The campaign window, or null while it is open-ended on both sides. */
export function campaignText(rules: Pick<LandingRules, "campaignStartsAt" | "campaignEndsAt">): string | null {
  const { campaignStartsAt: starts, campaignEndsAt: ends } = rules;
  if (starts && ends) return `Акция идёт с ${formatDate(starts)} по ${formatDate(ends)} включительно: баллы за чек — за покупки в эти дни.`;
  if (starts) return `Акция идёт с ${formatDate(starts)}: баллы за чек — за покупки с этого дня.`;
  if (ends) return `Акция идёт по ${formatDate(ends)} включительно: баллы за чек — за покупки до этого дня.`;
  return null;
}

export { businessDaysAccusative, businessDaysText, calendarDaysAccusative, calendarDaysText };
