import "server-only";
import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import type { Tx } from "@/server/db/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { formatDateTime } from "@/lib/format";

/** How long opening a request keeps other moderators off it; renewed by every decision. */
export const CLAIM_MINUTES = 10;

export const claimRequestInput = z.object({ requestId: z.coerce.number().int().positive() });

/**
 * Takes (or renews) the actor's claim on a request, in one conditional UPDATE: free, expired, or
 * already the actor's. Otherwise says who holds it and until when.
 */
export async function takeClaim(tx: Tx, actor: ModeratorActor, requestId: number, at: Date): Promise<Date> {
  assertActorRole(actor, AREA_ROLES.moderation);
  const claimedUntil = new Date(at.getTime() + CLAIM_MINUTES * 60_000);
  const { count } = await tx.reviewRequest.updateMany({
    where: { id: requestId, OR: [{ claimedById: null }, { claimExpiresAt: { lte: at } }, { claimedById: actor.id }] },
    data: { claimedById: actor.id, claimExpiresAt: claimedUntil },
  });
  if (count === 1) return claimedUntil;
  const holder = await tx.reviewRequest.findUnique({
    where: { id: requestId },
    select: { claimExpiresAt: true, claimedBy: { select: { name: true, email: true } } },
  });
  if (!holder) throw new AppError("NOT_FOUND", "Заявка не найдена.");
  const who = holder.claimedBy?.name ?? holder.claimedBy?.email ?? "другой модератор";
  throw new AppError("CONFLICT", `Заявку сейчас проверяет ${who} (до ${formatDateTime(holder.claimExpiresAt ?? at)}).`);
}

export async function claimRequest(actor: ModeratorActor, input: z.infer<typeof claimRequestInput>): Promise<{ claimedUntil: Date }> {
  assertActorRole(actor, AREA_ROLES.moderation);
  const at = now();
  const claimedUntil = await db.$transaction((tx) => takeClaim(tx, actor, input.requestId, at));
  return { claimedUntil };
}
