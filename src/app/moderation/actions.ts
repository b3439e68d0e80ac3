"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { claimRequest, claimRequestInput } from "@/server/domain/moderation/claim-request";
import { type DecisionOutcome, decideRequestPart, decideRequestPartInput } from "@/server/domain/moderation/decide-request-part";
import { findNextRequest, findNextRequestInput } from "@/server/domain/moderation/find-next-request";
import { takeQuickBatch, takeQuickBatchInput } from "@/server/domain/moderation/take-quick-batch";
import { recheckReceipt, recheckReceiptInput } from "@/server/domain/receipt-checks/recheck-receipt";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";
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

export const recheckReceiptAction = defineAction({
  name: "recheck-receipt",
  roles: AREA_ROLES.moderation,
  input: recheckReceiptInput,
  // Each re-check is a paid call to the receipt-check service.
  limits: [perActorLimit("recheck-receipt", 20, 10 * 60)],
  run: async ({ actor, input }) => {
    const outcome = await recheckReceipt(actor, input);
    revalidatePath(`/moderation/requests/${outcome.requestId}`);
    return outcome;
  },
});

export const takeQuickBatchAction = defineAction({
  name: "take-quick-batch",
  roles: AREA_ROLES.moderation,
  input: takeQuickBatchInput,
  run: async ({ actor, input }) => {
    const batch = await takeQuickBatch(actor, input);
    return batch.map((item) => ({ ...item, filedAt: item.filedAt.toISOString(), dueAt: item.dueAt.toISOString() }));
  },
});
