import "server-only";
import type { AutomationSwitches } from "@/lib/rules/automation-rules";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AUTOMATION_SETTINGS_KEY, parseAutomationSwitches, parseVelocityLimit } from "@/server/settings/automation-settings";

export interface AutomationSettingsView {
  switches: AutomationSwitches;
  velocityRequestsPerDay: number;
}

/** The automatic receipt rules' switches and the velocity signal's threshold, for the administrator's settings page. */
export async function getAutomationRules(actor: AdminActor): Promise<AutomationSettingsView> {
  assertActorRole(actor, AREA_ROLES.admin);
  const row = await db.setting.findUnique({ where: { key: AUTOMATION_SETTINGS_KEY }, select: { value: true } });
  return { switches: parseAutomationSwitches(row?.value), velocityRequestsPerDay: parseVelocityLimit(row?.value) };
}
