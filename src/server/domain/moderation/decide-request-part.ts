import "server-only";
import { z } from "zod";
import { MODERATOR_COMMENT_MAX_LENGTH } from "@/lib/rules/moderation-comment";
import { Prisma } from "@/generated/prisma/client";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { takeClaim } from "./claim-request";
import { findNextRequest } from "./find-next-request";
import { recordPartDecision } from "./record-part-decision";
import { renderDecisionEmail } from "./render-decision-email";

export const decideRequestPartInput = z.object({
  requestId: z.coerce.number().int().positive(),
  partKind: z.enum(["REVIEW", "RECEIPT"]),
  decision: z.enum(["APPROVE", "REJECT"]),
  /** The attempt the moderator looked at: a re-submission that arrived meanwhile is not decided blind. */
  attempt: z.coerce.number().int().positive(),
  comment: z.string().trim().max(MODERATOR_COMMENT_MAX_LENGTH, "Комментарий слишком длинный.").optional(),
  /**
   * Sent only by "Отменить отказ и одобрить": the approval may replace a rule's rejection of this attempt.
   * Without it, a rule that rejected the part while the moderator looked wins, like any decision made first.
   */
  reverseAutomaticRejection: z.boolean().optional(),
});

/** `queuedEmailId`: the shopper's email about the decision, in the outbox, for the caller to deliver after the response. */
export type DecisionOutcome = ({ status: "DECIDED"; points: number; queuedEmailId?: number } | { status: "ALREADY_DECIDED" }) & {
  /** Once no part of the request waits any more: the request to open next (null: the queue is empty). */
  nextRequestId?: number | null;
};

/**
 * Approves or rejects one part of a request, in one transaction with the claim check (recordPartDecision
 * says what else). An approval sent as a reversal also takes back an automatic rule's rejection of the part.
 */
export async function decideRequestPart(actor: ModeratorActor, input: z.infer<typeof decideRequestPartInput>): Promise<DecisionOutcome> {
  assertActorRole(actor, AREA_ROLES.moderation);
  const comment = input.comment?.trim() || undefined;
  if (input.decision === "REJECT" && !comment) {
    throw new AppError("VALIDATION", "Укажите причину отказа — участник увидит этот комментарий.", { fieldErrors: { comment: "Укажите причину отказа." } });
  }
  const settings = await getProgrammeSettings();
  const approve = input.decision === "APPROVE";
  const points = approve ? (input.partKind === "REVIEW" ? settings.reviewPoints : settings.receiptPoints) : 0;
  const email = await renderDecisionEmail({ requestId: input.requestId, part: input.partKind, decision: approve ? "APPROVED" : "REJECTED", points, comment });
  const at = now();
  try {
    const outcome: DecisionOutcome = await db.$transaction(async (tx) => {
      await takeClaim(tx, actor, input.requestId, at);
      return recordPartDecision(tx, { ...input, comment, points, email, decider: { moderatorId: actor.id }, at, reverseAutomaticRejection: approve && input.reverseAutomaticRejection === true });
    });
    return await withNextRequest(actor, input.requestId, outcome);
  } catch (error) {
    // Two approvals of the same review/receipt in different requests at once: the unique key decided.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "Этот отзыв или чек только что принёс баллы в другой заявке. Обновите страницу.");
    }
    throw error;
  }
}

/** The moderator's next request comes with the last decision: one round trip fewer between requests. */
async function withNextRequest(actor: ModeratorActor, requestId: number, outcome: DecisionOutcome): Promise<DecisionOutcome> {
  const stillPending = await db.requestPart.count({ where: { requestId, status: "PENDING" } });
  if (stillPending > 0) return outcome;
  return { ...outcome, nextRequestId: await findNextRequest(actor, { excludeId: requestId }) };
}
