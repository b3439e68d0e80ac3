import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { dueAfterBusinessDays } from "@/server/calendar/due-dates";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { assessReceipt } from "./assess-receipt";
import { reassessRiskAround } from "@/server/domain/fraud-signals/assess-request-risk";
import { recordDuplicateFlags } from "./detect-duplicates";
import { attachImages, loadUnattachedImages, recordReceipt } from "./request-parts";
import { afterReceiptRecorded } from "@/server/domain/auto-moderation/after-receipt-recorded";
import { deriveRequestStatus } from "./request-status";

export const resubmitRequestPartInput = z.object({
  requestId: z.coerce.number().int().positive(),
  partKind: z.enum(["REVIEW", "RECEIPT"]),
  imageIds: z.array(z.uuid()).min(1, "Добавьте новые фото.").max(20),
});

/**
 * Sends a rejected part again with new images: the part goes back to the queue (attempt + 1) and the
 * request gets a new due date. Earlier images and decisions stay for the history.
 */
export async function resubmitRequestPart(actor: Actor, input: z.infer<typeof resubmitRequestPartInput>): Promise<{ requestId: number; attempt: number }> {
  const settings = await getProgrammeSettings();
  const at = now();
  const imageIds = [...new Set(input.imageIds)];
  const imageKind = input.partKind === "REVIEW" ? "REVIEW_SCREENSHOT" : "RECEIPT_PHOTO";

  if (input.partKind === "RECEIPT" && imageIds.length !== 1) throw new AppError("VALIDATION", "Приложите одно фото чека.");
  if (input.partKind === "REVIEW" && imageIds.length > settings.maxScreenshots) {
    const max = settings.maxScreenshots;
    throw new AppError("VALIDATION", `Можно приложить не больше ${max} ${pluralRu(max, ["скриншота", "скриншотов", "скриншотов"])}.`);
  }

  const part = await db.requestPart.findFirst({
    where: { kind: input.partKind, request: { id: input.requestId, customerId: actor.id } },
    select: { id: true, status: true, attempt: true, images: { where: { id: { in: imageIds } }, select: { id: true } } },
  });
  if (!part) throw new AppError("NOT_FOUND", "Заявка не найдена.");
  // A double click: the first click already sent these very images.
  if (part.status === "PENDING" && part.images.length === imageIds.length) return { requestId: input.requestId, attempt: part.attempt };
  if (part.status !== "REJECTED") throw new AppError("CONFLICT", "Эту часть заявки сейчас нельзя отправить повторно: она ещё не отклонена.");

  const images = await loadUnattachedImages(db, actor.id, imageIds, imageKind);
  if (images.length !== imageIds.length) throw new AppError("VALIDATION", "Некоторые фото не найдены — загрузите их ещё раз.");
  const assessment = input.partKind === "RECEIPT" ? assessReceipt(images[0]!.qrText, settings, at) : undefined;
  if (assessment?.verdict === "REFUSED") throw new AppError("VALIDATION", assessment.message, { fieldErrors: { receipt: assessment.message } });

  const dueAt = await dueAfterBusinessDays(at, settings.moderationBusinessDays);
  let recordedReceipt: { id: number; checkable: boolean; fiscalKey: string | null } | undefined;
  const attempt = part.attempt + 1;
  await db.$transaction(async (tx) => {
    // The request row first, as decisions lock it (record-part-decision.ts): a rule or a moderator deciding
    // the other part at this moment waits, so neither derives the request's status from a stale read, and
    // the two never lock part and request in opposite orders.
    await tx.$queryRaw`SELECT id FROM review_requests WHERE id = ${input.requestId} FOR UPDATE`;
    // Conditional on the status read above: two re-submits at once cannot both reopen the part.
    const reopened = await tx.requestPart.updateMany({
      where: { id: part.id, status: "REJECTED", attempt: part.attempt },
      data: { status: "PENDING", attempt, submittedAt: at, comment: null, decidedAt: null, decidedById: null, decidedByRule: null, points: null },
    });
    if (reopened.count !== 1) throw new AppError("CONFLICT", "Эта часть заявки уже отправлена повторно.");
    await attachImages(tx, actor.id, imageIds, part.id, attempt);

    let fiscalKey: string | null = null;
    if (assessment) {
      const receipt = await recordReceipt(tx, { partId: part.id, attempt, image: images[0]!, assessment });
      fiscalKey = receipt.fiscalKey;
      recordedReceipt = receipt;
    }
    await recordDuplicateFlags(tx, {
      requestId: input.requestId,
      fiscalKey,
      screenshots: input.partKind === "REVIEW" ? images : undefined,
    });

    const parts = await tx.requestPart.findMany({ where: { requestId: input.requestId }, select: { status: true } });
    await tx.reviewRequest.update({
      where: { id: input.requestId },
      // A new receipt has not been checked yet: the old one's failed check no longer describes it.
      data: { status: deriveRequestStatus(parts), dueAt, decidedAt: null, ...(input.partKind === "RECEIPT" && { receiptCheckFailed: false }) },
    });
  });
  // New screenshots may repeat another account's.
  await reassessRiskAround(actor.id);
  if (recordedReceipt) await afterReceiptRecorded(recordedReceipt);
  return { requestId: input.requestId, attempt };
}
