import "server-only";
import type { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { assertActorRole } from "@/server/auth/assert-role";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { CATALOGUE_ROLES, prizeData, prizeFields } from "./prize-input";

export const createPrizeInput = prizeFields;

/** Adds a prize to the catalogue (pictures and codes are added on its page afterwards), with its audit row. */
export async function createPrize(actor: Actor, input: z.infer<typeof createPrizeInput>): Promise<{ id: number }> {
  assertActorRole(actor, CATALOGUE_ROLES);
  const data = prizeData(input);
  const at = now();
  return db.$transaction(async (tx) => {
    const created = await tx.prize.create({ data: { ...data, createdAt: at }, select: { id: true } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "prize.create", entityType: "Prize", entityId: created.id, data, at });
    return created;
  });
}
