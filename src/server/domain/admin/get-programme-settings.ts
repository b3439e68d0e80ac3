import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { PROGRAMME_SETTINGS_KEY, type ProgrammeSettings, parseProgrammeSettings } from "@/server/settings/programme-settings";

export interface EditableProgrammeSettings {
  settings: ProgrammeSettings;
  /** The last saved change, or null while the defaults were never changed. */
  lastChange: { at: Date; by: { name: string | null; email: string | null } | null } | null;
}

/** The settings page's data: the current settings and who changed them last, from one read of the row. */
export async function getEditableProgrammeSettings(actor: AdminActor): Promise<EditableProgrammeSettings> {
  assertActorRole(actor, AREA_ROLES.admin);
  const row = await db.setting.findUnique({
    where: { key: PROGRAMME_SETTINGS_KEY },
    select: { value: true, updatedAt: true, updatedBy: { select: { name: true, email: true } } },
  });
  return {
    settings: parseProgrammeSettings(row?.value),
    lastChange: row ? { at: row.updatedAt, by: row.updatedBy } : null,
  };
}
