import "server-only";
import { z } from "zod";
import { PROGRAMME_SETTING_LIMITS, type SettingLimit } from "@/lib/rules/programme-settings-limits";
import { db } from "@/server/db/client";

function limited({ min, max, default: fallback }: SettingLimit) {
  return z.number().int().min(min).max(max).default(fallback);
}

/**
 * The programme's rules that an administrator may change (docs/rules/settings.md; the defaults and ranges
 * are in src/lib/rules/programme-settings-limits.ts). Stored as one JSON row (`settings.programme`) merged
 * over the defaults.
 */
const programmeSettingsSchema = z.object({
  reviewPoints: limited(PROGRAMME_SETTING_LIMITS.reviewPoints),
  receiptPoints: limited(PROGRAMME_SETTING_LIMITS.receiptPoints),
  moderationBusinessDays: limited(PROGRAMME_SETTING_LIMITS.moderationBusinessDays),
  shippingDays: limited(PROGRAMME_SETTING_LIMITS.shippingDays),
  forfeitureMonths: limited(PROGRAMME_SETTING_LIMITS.forfeitureMonths),
  maxScreenshots: limited(PROGRAMME_SETTING_LIMITS.maxScreenshots),
  smsPerHourCap: limited(PROGRAMME_SETTING_LIMITS.smsPerHourCap),
  /** Receipts dated outside this window earn nothing; null = open-ended. ISO dates. */
  campaignStartsAt: z.iso.datetime().nullable().default(null),
  campaignEndsAt: z.iso.datetime().nullable().default(null),
});

export type ProgrammeSettings = Omit<z.infer<typeof programmeSettingsSchema>, "campaignStartsAt" | "campaignEndsAt"> & {
  campaignStartsAt: Date | null;
  campaignEndsAt: Date | null;
};

export const PROGRAMME_SETTINGS_KEY = "programme";

/**
 * Read from the database on every call, never cached: an administrator's change (update-programme-settings)
 * applies to the very next approval, filing or nightly run, in every process.
 */
export async function getProgrammeSettings(): Promise<ProgrammeSettings> {
  const row = await db.setting.findUnique({ where: { key: PROGRAMME_SETTINGS_KEY }, select: { value: true } });
  return parseProgrammeSettings(row?.value);
}

/** The stored row (or nothing) merged over the defaults. */
export function parseProgrammeSettings(value: unknown): ProgrammeSettings {
  const parsed = programmeSettingsSchema.parse(value ?? {});
  return {
    ...parsed,
    campaignStartsAt: parsed.campaignStartsAt ? new Date(parsed.campaignStartsAt) : null,
    campaignEndsAt: parsed.campaignEndsAt ? new Date(parsed.campaignEndsAt) : null,
  };
}
