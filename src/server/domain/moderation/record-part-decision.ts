import "server-only";
import { pointsWord } from "@/lib/format";
import type { AutomationRule } from "@/lib/rules/automation-rules";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import type { Tx } from "@/server/db/client";
import { appendLedgerEntry } from "@/server/domain/ledger/append-ledger-entry";
import { deriveRequestStatus } from "@/server/domain/requests/request-status";
import { AppError } from "@/server/errors";
import { queueEmail } from "@/server/messaging/queue-email";
import { REQUEST_DECIDED_TEMPLATE } from "@emails/request-decided";
import type { RenderedEmail } from "@emails/render-email";

const PART_NAME = { REVIEW: "отзыв", RECEIPT: "чек" } as const;

/** A moderator, or one of the automatic rules (docs/rules/auto-moderation.md). */
export type Decider = { moderatorId: number } | { rule: AutomationRule };

export type RecordedDecision = { status: "DECIDED"; points: number; queuedEmailId?: number } | { status: "ALREADY_DECIDED" };

/**
 * One part's decision inside the caller's transaction, whoever takes it: the part's conditional status change
 * (only a PENDING part of the expected attempt changes, so two moderators, a moderator and a rule, a double
 * click or a retry decide it once), the decision history, the points through the ledger, the portal-wide
 * "earns once" keys, the request's status, the shopper's notification, the email into the outbox and the
 * audit row. A moderator's approval may also take back a rule's rejection (`reverseAutomaticRejection`).
 */
export async function recordPartDecision(
  tx: Tx,
  input: {
    requestId: number;
    partKind: "REVIEW" | "RECEIPT";
    decision: "APPROVE" | "REJECT";
    attempt: number;
    comment?: string;
    points: number;
    email: RenderedEmail | null;
    decider: Decider;
    at: Date;
    reverseAutomaticRejection?: boolean;
  },
): Promise<RecordedDecision> {
  const { at, decider } = input;
  const approve = input.decision === "APPROVE";
  const points = approve ? input.points : 0;
  const moderatorId = "moderatorId" in decider ? decider.moderatorId : null;
  const rule = "rule" in decider ? decider.rule : null;
  // The request row first, as a moderator's claim takes it: a rule and a moderator deciding at once then
  // queue on it instead of locking the part and the request in opposite orders (a deadlock).
  await tx.$queryRaw`SELECT id FROM review_requests WHERE id = ${input.requestId} FOR UPDATE`;
  const part = await tx.requestPart.findFirst({
    where: { requestId: input.requestId, kind: input.partKind },
    select: {
      id: true,
      status: true,
      attempt: true,
      decidedByRule: true,
      submittedAt: true,
      request: { select: { id: true, customerId: true, reviewUrlKey: true, filedAt: true, dueAt: true, customer: { select: { contactEmail: true } } } },
      receipts: { where: { attempt: input.attempt }, select: { id: true, fiscalKey: true } },
    },
  });
  if (!part) throw new AppError("NOT_FOUND", "Такой части в заявке нет.");

  // A rule's rejection stays open to a moderator's approval; a person's decision is final.
  const reversing = approve && moderatorId !== null && input.reverseAutomaticRejection === true;
  const decided = await tx.requestPart.updateMany({
    where: {
      id: part.id,
      attempt: input.attempt,
      OR: [{ status: "PENDING" }, ...(reversing ? [{ status: "REJECTED" as const, decidedByRule: { not: null } }] : [])],
    },
    data: { status: approve ? "APPROVED" : "REJECTED", comment: input.comment ?? null, decidedAt: at, decidedById: moderatorId, decidedByRule: rule, points: approve ? points : null },
  });
  if (decided.count !== 1) {
    // Read again: the decision that won may have committed after the read above (a rule and a moderator at once).
    const latest = await tx.requestPart.findUniqueOrThrow({ where: { id: part.id }, select: { status: true, attempt: true } });
    if (latest.attempt === input.attempt && latest.status !== "PENDING") return { status: "ALREADY_DECIDED" };
    throw new AppError("CONFLICT", "Участник прислал новые фото — откройте заявку заново.");
  }
  const reversedRule = part.status === "REJECTED" ? part.decidedByRule : null;
  await tx.partDecision.create({
    data: {
      partId: part.id,
      attempt: input.attempt,
      status: approve ? "APPROVED" : "REJECTED",
      comment: input.comment,
      decidedById: moderatorId,
      decidedByRule: rule,
      decidedAt: at,
      // For the moderation figures: the attempt's opening (the decided attempt is the current one) and the due time.
      openedAt: part.attempt === input.attempt ? part.submittedAt : part.request.filedAt,
      dueAt: part.request.dueAt,
    },
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
      reason: `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} одобрен${rule ? " автоматической проверкой" : ""}`,
      partId: part.id,
      ...(moderatorId !== null && { createdById: moderatorId }),
      at,
    });
  }

  const parts = await tx.requestPart.findMany({ where: { requestId: part.request.id }, select: { status: true } });
  await tx.reviewRequest.update({
    where: { id: part.request.id },
    data: { status: deriveRequestStatus(parts), decidedAt: parts.every((item) => item.status !== "PENDING") ? at : null },
  });
  await tx.notification.create({
    data: {
      userId: part.request.customerId,
      title: approve ? `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} одобрен, +${points} ${pointsWord(points)}` : `Заявка №${part.request.id}: ${PART_NAME[input.partKind]} отклонён`,
      body: input.comment ?? (approve ? "Баллы уже на вашем счёте." : ""),
      link: `/cabinet/requests/${part.request.id}`,
      createdAt: at,
    },
  });
  await writeAuditEntry(tx, {
    actorId: moderatorId,
    action: approve ? "request-part.approve" : "request-part.reject",
    entityType: "RequestPart",
    entityId: part.id,
    data: { requestId: part.request.id, kind: input.partKind, attempt: input.attempt, points, comment: input.comment ?? null, ...(rule && { rule }), ...(reversedRule && { reversedRule }) },
    at,
  });
  // The address as it is now; the email was rendered only if there was one before the transaction.
  const recipient = part.request.customer.contactEmail;
  const queuedEmailId =
    input.email && recipient
      ? await queueEmail(tx, { to: recipient, ...input.email, template: REQUEST_DECIDED_TEMPLATE, dedupeKey: `part:${part.id}:attempt:${input.attempt}:decided${reversedRule ? ":reversed" : ""}` })
      : null;
  return { status: "DECIDED", points, ...(queuedEmailId ? { queuedEmailId } : {}) };
}
