import "server-only";
import { z } from "zod";
import { db } from "@/server/db/client";

/**
 * The programme's rules that an administrator may change (SPEC: "every rule with a number is a setting
 * with this default"). Stored as one JSON row (`settings.programme`) merged over the defaults.
 */
const programmeSettingsSchema = z.object({
  reviewPoints: z.number().int().positive().default(500),
  receiptPoints: z.number().int().positive().default(100),
  moderationBusinessDays: z.number().int().min(1).max(60).default(5),
  shippingDays: z.number().int().min(1).max(365).default(30),
  forfeitureMonths: z.number().int().min(1).max(60).default(6),
  maxScreenshots: z.number().int().min(1).max(10).default(5),
  /**
   * Sign-in codes the whole portal may send per hour to browsers that have not signed in before: the brake
   * on an SMS-pumping wave (each SMS costs the brand money). Shoppers' own browsers are never held by it.
   */
  smsPerHourCap: z.number().int().min(10).max(100_000).default(1000),
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
