import "server-only";
import { z } from "zod";
import { AUTOMATION_RULES, type AutomationRule } from "@/lib/rules/automation-rules";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { VELOCITY_REQUESTS_PER_DAY } from "@/lib/rules/risk-signals";
import { AUTOMATION_SETTINGS_KEY, parseAutomationSwitches, parseVelocityLimit } from "@/server/settings/automation-settings";
import { saveSettingsChange } from "@/server/settings/save-settings-change";

// A checkbox sends "on" when ticked and nothing when not; a call from code may send booleans.
const onOff = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

const VELOCITY_PROBLEM = `Укажите целое число от ${VELOCITY_REQUESTS_PER_DAY.min} до ${VELOCITY_REQUESTS_PER_DAY.max}.`;

export const updateAutomationRulesInput = z.object({
  ...(Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, onOff])) as Record<AutomationRule, typeof onOff>),
  /** Left out: kept as it is. */
  velocityRequestsPerDay: z.coerce
    .number({ error: VELOCITY_PROBLEM })
    .int(VELOCITY_PROBLEM)
    .min(VELOCITY_REQUESTS_PER_DAY.min, VELOCITY_PROBLEM)
    .max(VELOCITY_REQUESTS_PER_DAY.max, VELOCITY_PROBLEM)
    .optional(),
});

export type AutomationSettingChange = AutomationRule | "velocityRequestsPerDay";

/**
 * Switches the automatic receipt rules on or off, each on its own, and sets the velocity signal's threshold,
 * with one audit row naming each setting that changed. The engine reads the switches for every receipt, so a rule switched off decides nothing more.
 */
export async function updateAutomationRules(actor: AdminActor, input: z.infer<typeof updateAutomationRulesInput>): Promise<{ changed: AutomationSettingChange[] }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('settings.automation', 0))`;
    const row = await tx.setting.findUnique({ where: { key: AUTOMATION_SETTINGS_KEY }, select: { value: true } });
    const before = { ...parseAutomationSwitches(row?.value), velocityRequestsPerDay: parseVelocityLimit(row?.value) };
    const after = {
      ...(Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, input[rule]])) as Record<AutomationRule, boolean>),
      velocityRequestsPerDay: input.velocityRequestsPerDay ?? before.velocityRequestsPerDay,
    };
    const changed = await saveSettingsChange(tx, { key: AUTOMATION_SETTINGS_KEY, action: "automation-rules.update", actorId: actor.id, at, before, after });
    return { changed };
  });
}
