import "server-only";
import { z } from "zod";
import { endOfMoscowDay, isDateKey, startOfMoscowDay } from "@/lib/moscow-time";
import { type NumericProgrammeSetting, PROGRAMME_SETTING_LIMITS, PROGRAMME_SETTING_RANGE_MESSAGE } from "@/lib/rules/programme-settings-limits";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { PROGRAMME_SETTINGS_KEY, type ProgrammeSettings, parseProgrammeSettings } from "@/server/settings/programme-settings";
import { saveSettingsChange } from "@/server/settings/save-settings-change";

/** A whole number typed into a form field (or given as a number) within the setting's range, with one clear message for any mistake. */
function wholeNumber(setting: NumericProgrammeSetting) {
  const { min, max } = PROGRAMME_SETTING_LIMITS[setting];
  const message = PROGRAMME_SETTING_RANGE_MESSAGE[setting];
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.replace(/\s/g, "") === "" ? undefined : Number(value.replace(/\s/g, ""))) : value),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }),
  );
}

/** A Moscow calendar date "YYYY-MM-DD" or empty (no limit). */
function optionalDate(message: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value),
    z
      .string({ error: message })
      .trim()
      .refine(isDateKey, { error: message })
      .nullable(),
  );
}

export const updateProgrammeSettingsInput = z
  .object({
    reviewPoints: wholeNumber("reviewPoints"),
    receiptPoints: wholeNumber("receiptPoints"),
    moderationBusinessDays: wholeNumber("moderationBusinessDays"),
    shippingDays: wholeNumber("shippingDays"),
    forfeitureMonths: wholeNumber("forfeitureMonths"),
    maxScreenshots: wholeNumber("maxScreenshots"),
    smsPerHourCap: wholeNumber("smsPerHourCap"),
    campaignStartsOn: optionalDate("Дата начала акции указана неверно — выберите день в календаре или оставьте поле пустым."),
    campaignEndsOn: optionalDate("Дата окончания акции указана неверно — выберите день в календаре или оставьте поле пустым."),
  })
  .refine((input) => !input.campaignStartsOn || !input.campaignEndsOn || input.campaignStartsOn <= input.campaignEndsOn, {
    message: "Акция не может закончиться раньше, чем начнётся: проверьте даты.",
    path: ["campaignEndsOn"],
  });

/** The settings as stored (JSON): dates as ISO strings. */
function storedForm(settings: ProgrammeSettings) {
  return {
    ...settings,
    campaignStartsAt: settings.campaignStartsAt?.toISOString() ?? null,
    campaignEndsAt: settings.campaignEndsAt?.toISOString() ?? null,
  };
}

/**
 * Saves the programme settings an administrator edits, with one audit row holding the old and new value
 * of each changed setting. Readers never cache them (getProgrammeSettings), so the next approval credits
 * the new points at once. New deadlines (moderation, shipping) apply to requests and orders from now on;
 * those already open keep the due dates they were given.
 */
export async function updateProgrammeSettings(actor: AdminActor, input: z.infer<typeof updateProgrammeSettingsInput>): Promise<{ changed: string[] }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    // Serialises two administrators saving at once, so each audit row's "before" is what was really there.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('settings.programme', 0))`;
    const row = await tx.setting.findUnique({ where: { key: PROGRAMME_SETTINGS_KEY }, select: { value: true } });
    const before = storedForm(parseProgrammeSettings(row?.value));
    const after = {
      ...before,
      reviewPoints: input.reviewPoints,
      receiptPoints: input.receiptPoints,
      moderationBusinessDays: input.moderationBusinessDays,
      shippingDays: input.shippingDays,
      forfeitureMonths: input.forfeitureMonths,
      maxScreenshots: input.maxScreenshots,
      smsPerHourCap: input.smsPerHourCap,
      campaignStartsAt: input.campaignStartsOn ? startOfMoscowDay(input.campaignStartsOn).toISOString() : null,
      // The campaign's last day counts whole: a receipt at 23:59 Moscow time on it is inside the window.
      campaignEndsAt: input.campaignEndsOn ? endOfMoscowDay(input.campaignEndsOn).toISOString() : null,
    };
    const changed = await saveSettingsChange(tx, { key: PROGRAMME_SETTINGS_KEY, action: "programme-settings.update", actorId: actor.id, at, before, after });
    return { changed };
  });
}
