import "server-only";
import type { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { prizeData, prizeFields } from "./prize-input";

export const createPrizeInput = prizeFields;

/** Adds a prize to the catalogue (pictures and codes are added on its page afterwards), with its audit row. */
export async function createPrize(actor: StaffActor, input: z.infer<typeof createPrizeInput>): Promise<{ id: number }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const data = prizeData(input);
  const at = now();
  return db.$transaction(async (tx) => {
    const created = await tx.prize.create({ data: { ...data, createdAt: at }, select: { id: true } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.create", entityType: "Prize", entityId: created.id, data, at });
    return created;
  });
}
