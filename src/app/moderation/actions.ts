"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { claimRequest, claimRequestInput } from "@/server/domain/moderation/claim-request";
import { type DecisionOutcome, decideRequestPart, decideRequestPartInput } from "@/server/domain/moderation/decide-request-part";
import { findNextRequest } from "@/server/domain/moderation/find-next-request";
import { type ActionResult, toActionError } from "@/server/errors";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export async function claimRequestAction(input: unknown): Promise<ActionResult<{ claimedUntil: string }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.moderation);
    const { claimedUntil } = await claimRequest(actor, claimRequestInput.parse(input));
    return { ok: true, data: { claimedUntil: claimedUntil.toISOString() } };
  } catch (error) {
    return toActionError(error, "claim-request");
  }
}

export async function decideRequestPartAction(input: unknown): Promise<ActionResult<DecisionOutcome>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.moderation);
    const parsed = decideRequestPartInput.parse(input);
    const outcome = await decideRequestPart(actor, parsed);
    revalidatePath(`/moderation/requests/${parsed.requestId}`);
    if (outcome.status === "DECIDED" && outcome.queuedEmailId) {
      // The decision is committed; the moderator does not wait on the email provider.
      deliverEmailAfterResponse(outcome.queuedEmailId);
      return { ok: true, data: { ...outcome, queuedEmailId: undefined } };
    }
    return { ok: true, data: outcome };
  } catch (error) {
    return toActionError(error, "decide-request-part");
  }
}

export async function nextRequestAction(input: { excludeId?: number }): Promise<ActionResult<{ id: number | null }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.moderation);
    const excludeId = Number.isSafeInteger(input?.excludeId) ? input.excludeId : undefined;
    return { ok: true, data: { id: await findNextRequest(actor, { excludeId }) } };
  } catch (error) {
    return toActionError(error, "next-request");
  }
}
