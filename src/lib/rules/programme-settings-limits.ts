// The programme's numeric settings (docs/rules/settings.md): each one's default and the range an
// administrator may set. Read by the stored settings' schema (src/server/settings/programme-settings.ts), by
// the administrator's edit (update-programme-settings.ts) and by the settings form's inputs.
import { groupDigits } from "@/lib/format";

export interface SettingLimit {
  min: number;
  max: number;
  default: number;
}

export const PROGRAMME_SETTING_LIMITS = {
  reviewPoints: { min: 1, max: 100_000, default: 500 },
  receiptPoints: { min: 1, max: 100_000, default: 100 },
  moderationBusinessDays: { min: 1, max: 60, default: 5 },
  shippingDays: { min: 1, max: 365, default: 30 },
  forfeitureMonths: { min: 1, max: 60, default: 6 },
  maxScreenshots: { min: 1, max: 10, default: 5 },
  /**
   * Sign-in codes the whole portal may send per hour to browsers that have not signed in before: the brake
   * on an SMS-pumping wave (each SMS costs the brand money). Shoppers' own browsers are never held by it.
   */
  smsPerHourCap: { min: 10, max: 100_000, default: 1000 },
} as const satisfies Record<string, SettingLimit>;

export type NumericProgrammeSetting = keyof typeof PROGRAMME_SETTING_LIMITS;

function range(setting: NumericProgrammeSetting): string {
  const limit = PROGRAMME_SETTING_LIMITS[setting];
  return `от ${groupDigits(limit.min)} до ${groupDigits(limit.max)}`;
}

/** What the administrator reads when a value is not a whole number within its range. */
export const PROGRAMME_SETTING_RANGE_MESSAGE: Record<NumericProgrammeSetting, string> = {
  reviewPoints: `Баллы за отзыв — целое число ${range("reviewPoints")}.`,
  receiptPoints: `Баллы за чек — целое число ${range("receiptPoints")}.`,
  moderationBusinessDays: `Срок проверки — целое число рабочих дней ${range("moderationBusinessDays")}.`,
  shippingDays: `Срок отправки приза — целое число дней ${range("shippingDays")}.`,
  forfeitureMonths: `Срок сгорания баллов — целое число месяцев ${range("forfeitureMonths")}.`,
  maxScreenshots: `Скриншотов в заявке — целое число ${range("maxScreenshots")}.`,
  smsPerHourCap: `Предел SMS в час — целое число ${range("smsPerHourCap")}.`,
};
