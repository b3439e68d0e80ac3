import "server-only";
import { z } from "zod";
import { MODERATOR_COMMENT_MAX_LENGTH } from "@/lib/rules/moderation-comment";
import { Prisma } from "@/generated/prisma/client";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { deriveRequestStatus } from "@/server/domain/requests/request-status";
import { AppError } from "@/server/errors";
import { queueEmail } from "@/server/messaging/queue-email";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { REQUEST_DECIDED_TEMPLATE } from "@emails/request-decided";
import { takeClaim } from "./claim-request";
import { findNextRequest } from "./find-next-request";
import { renderDecisionEmail } from "./render-decision-email";

export const decideRequestPartInput = z.object({
  requestId: z.coerce.number().int().positive(),
  partKind: z.enum(["REVIEW", "RECEIPT"]),
  decision: z.enum(["APPROVE", "REJECT"]),
  /** The attempt the moderator looked at: a re-submission that arrived meanwhile is not decided blind. */
  attempt: z.coerce.number().int().positive(),
  comment: z.string().trim().max(MODERATOR_COMMENT_MAX_LENGTH, "Комментарий слишком длинный.").optional(),
});

/** `queuedEmailId`: the shopper's email about the decision, in the outbox, for the caller to deliver after the response. */
export type DecisionOutcome = ({ status: "DECIDED"; points: number; queuedEmailId?: number } | { status: "ALREADY_DECIDED" }) & {
  /** Once no part of the request waits any more: the request to open next (null: the queue is empty). */
  nextRequestId?: number | null;
};

const PART_NAME = { REVIEW: "отзыв", RECEIPT: "чек" } as const;

/**
 * Approves or rejects one part of a request. Everything happens in one transaction: the claim check,
 * the part's conditional status change (only a PENDING part of the expected attempt changes, so two
 * moderators, a double click or a retry decide it once), the decision history, the points credited
 * through the ledger, the portal-wide "earns once" keys, the request's status, the shopper's
 * notification, the email to the shopper's contact address (into the outbox) and the audit row.
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
      const part = await tx.requestPart.findFirst({
        where: { requestId: input.requestId, kind: input.partKind },
        select: {
          id: true,
          status: true,
          attempt: true,
          request: { select: { id: true, customerId: true, reviewUrlKey: true, customer: { select: { contactEmail: true } } } },
          receipts: { where: { attempt: input.attempt }, select: { id: true, fiscalKey: true } },
        },
      });
      if (!part) throw new AppError("NOT_FOUND", "Такой части в заявке нет.");

      const decided = await tx.requestPart.updateMany({
        where: { id: part.id, status: "PENDING", attempt: input.attempt },
        data: { status: approve ? "APPROVED" : "REJECTED", comment: comment ?? null, decidedAt: at, decidedById: actor.id, points: approve ? points : null },
      });
      if (decided.count !== 1) {
        if (part.attempt === input.attempt && part.status !== "PENDING") return { status: "ALREADY_DECIDED" } as const;
        throw new AppError("CONFLICT", "Участник прислал новые фото — откройте заявку заново.");
      }
      await tx.partDecision.create({
        data: { partId: part.id, attempt: input.attempt, status: approve ? "APPROVED" : "REJECTED", comment, decidedById: actor.id, decidedAt: at },
      });

      if (approve) {
        // A review and a fiscal receipt earn points once across the whole portal.
        if (input.partKind === "REVIEW") {
          const earlier = await tx.reviewRequest.findFirst({ where: { creditedReviewKey: part.request.reviewUrlKey }, select: { id: true } });
          if (earlier) throw new AppError("CONFLICT", `Этот отзыв уже принёс баллы в заявке №${earlier.id}. Отклоните эту часть как повтор.`);
          await tx.reviewRequest.update({ where: { id: part.request.id }, data: { creditedReviewKey: part.request.reviewUrlKey } });
        } else {
          const receipt = part.receipts[0];
          if (receipt?.fiscalKey) {
            const earlier = await tx.receipt.findFirst({ where: { creditedFiscalKey: receipt.fiscalKey }, select: { part: { select: { requestId: true } } } });
            if (earlier) throw new AppError("CONFLICT", `Этот чек уже принёс баллы в заявке №${earlier.part.requestId}. Отклоните эту часть как повтор.`);
            await tx.receipt.update({ where: { id: receipt.id }, data: { creditedFiscalKey: receipt.fiscalKey } });
          }
        }
        await appendLedgerEntry(tx, {
          customerId: part.request.customerId,
          kind: input.partKind === "REVIEW" ? "REVIEW_APPROVED" : "RECEIPT_APPROVED",
          amount: points,
          idempotencyKey: `part:${part.id}:approved`,
          reason: `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} одобрен`,
          partId: part.id,
          createdById: actor.id,
          at,
        });
      }

      const parts = await tx.requestPart.findMany({ where: { requestId: part.request.id }, select: { status: true } });
      const status = deriveRequestStatus(parts);
      await tx.reviewRequest.update({
        where: { id: part.request.id },
        data: { status, decidedAt: parts.every((item) => item.status !== "PENDING") ? at : null },
      });
      await tx.notification.create({
        data: {
          userId: part.request.customerId,
          title: approve ? `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} одобрен, +${points} баллов` : `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} отклонён`,
          body: comment ?? (approve ? "Баллы уже на вашем счёте." : ""),
          link: `/cabinet/requests/${part.request.id}`,
          createdAt: at,
        },
      });
      await writeAuditEntry(tx, {
        actorId: actor.id,
        action: approve ? "request-part.approve" : "request-part.reject",
        entityType: "RequestPart",
        entityId: part.id,
        data: { requestId: part.request.id, kind: input.partKind, attempt: input.attempt, points, comment: comment ?? null },
        at,
      });
      // The address as it is now; the email was rendered only if there was one before the transaction.
      const recipient = part.request.customer.contactEmail;
      const queuedEmailId =
        email && recipient
          ? await queueEmail(tx, { to: recipient, ...email, template: REQUEST_DECIDED_TEMPLATE, dedupeKey: `part:${part.id}:attempt:${input.attempt}:decided` })
          : null;
      return { status: "DECIDED", points, ...(queuedEmailId ? { queuedEmailId } : {}) } as const;
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
