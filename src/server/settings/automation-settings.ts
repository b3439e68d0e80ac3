import "server-only";
import { z } from "zod";
import { AUTOMATION_RULES, AUTOMATION_SWITCHES_OFF, type AutomationSwitches } from "@/lib/rules/automation-rules";
import { VELOCITY_REQUESTS_PER_DAY } from "@/lib/rules/risk-signals";
import { db } from "@/server/db/client";
import type { Tx } from "@/server/db/client";

export const AUTOMATION_SETTINGS_KEY = "automation";

const switchesSchema = z.object(Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, z.boolean().catch(false).default(false)])) as Record<(typeof AUTOMATION_RULES)[number], z.ZodDefault<z.ZodCatch<z.ZodBoolean>>>);

/** The stored switches (or nothing) over "all off": a rule is on only when an administrator switched it on. */
export function parseAutomationSwitches(value: unknown): AutomationSwitches {
  const parsed = switchesSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { ...AUTOMATION_SWITCHES_OFF };
}

/** Read on every call, never cached: a rule switched off applies to the very next receipt, in every process. */
export async function getAutomationSwitches(client: Pick<Tx, "setting"> = db): Promise<AutomationSwitches> {
  const row = await client.setting.findUnique({ where: { key: AUTOMATION_SETTINGS_KEY }, select: { value: true } });
  return parseAutomationSwitches(row?.value);
}

const velocitySchema = z.object({
  velocityRequestsPerDay: z.number().int().min(VELOCITY_REQUESTS_PER_DAY.min).max(VELOCITY_REQUESTS_PER_DAY.max).catch(VELOCITY_REQUESTS_PER_DAY.default).default(VELOCITY_REQUESTS_PER_DAY.default),
});

/** The velocity signal's threshold kept in the same row as the switches (the moderation automation's settings). */
export function parseVelocityLimit(value: unknown): number {
  const parsed = velocitySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data.velocityRequestsPerDay : VELOCITY_REQUESTS_PER_DAY.default;
}

export async function getVelocityLimit(client: Pick<Tx, "setting"> = db): Promise<number> {
  const row = await client.setting.findUnique({ where: { key: AUTOMATION_SETTINGS_KEY }, select: { value: true } });
  return parseVelocityLimit(row?.value);
}
