import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { DAY_MS, HOUR_MS } from "@/lib/moscow-time";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { getProgrammeSettings } from "@/server/settings/programme-settings";

export interface SmsVolume {
  /** SMS the portal sent (or tried to) in the last 24 hours. */
  last24Hours: number;
  /** Sign-in codes issued in the last hour, which the hourly cap counts. */
  codesLastHour: number;
  hourlyCap: number;
}

/** How many SMS went out lately, for the administrator watching for an SMS-pumping wave (each SMS costs money). */
export async function getSmsVolume(actor: AdminActor): Promise<SmsVolume> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now().getTime();
  const [last24Hours, codesLastHour, settings] = await Promise.all([
    db.outboxMessage.count({ where: { channel: "SMS", createdAt: { gt: new Date(at - DAY_MS) } } }),
    db.otpCode.count({ where: { createdAt: { gt: new Date(at - HOUR_MS) } } }),
    getProgrammeSettings(),
  ]);
  return { last24Hours, codesLastHour, hourlyCap: settings.smsPerHourCap };
}
