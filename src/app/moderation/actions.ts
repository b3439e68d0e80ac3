"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { claimRequest, claimRequestInput } from "@/server/domain/moderation/claim-request";
import { type DecisionOutcome, decideRequestPart, decideRequestPartInput } from "@/server/domain/moderation/decide-request-part";
import { findNextRequest, findNextRequestInput } from "@/server/domain/moderation/find-next-request";
import { defineAction } from "@/server/http/define-action";
import { deliverEmailAfterResponse } from "@/server/messaging/deliver-after-response";

export const claimRequestAction = defineAction({
  name: "claim-request",
  roles: AREA_ROLES.moderation,
  input: claimRequestInput,
  run: async ({ actor, input }) => {
    const { claimedUntil } = await claimRequest(actor, input);
    return { claimedUntil: claimedUntil.toISOString() };
  },
});

export const decideRequestPartAction = defineAction({
  name: "decide-request-part",
  roles: AREA_ROLES.moderation,
  input: decideRequestPartInput,
  run: async ({ actor, input }): Promise<DecisionOutcome> => {
    const outcome = await decideRequestPart(actor, input);
    revalidatePath(`/moderation/requests/${input.requestId}`);
    if (outcome.status === "DECIDED" && outcome.queuedEmailId) {
      // The decision is committed; the moderator does not wait on the email provider.
      deliverEmailAfterResponse(outcome.queuedEmailId);
      return { ...outcome, queuedEmailId: undefined };
    }
    return outcome;
  },
});

export const nextRequestAction = defineAction({
  name: "next-request",
  roles: AREA_ROLES.moderation,
  input: findNextRequestInput,
  run: async ({ actor, input }) => ({ id: await findNextRequest(actor, input) }),
});
