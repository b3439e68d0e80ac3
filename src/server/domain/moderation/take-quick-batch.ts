import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { QUICK_BATCH_SIZE } from "@/lib/rules/quick-approval";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { utcTimestampSql } from "@/server/db/moscow-time-sql";
import { takeClaim } from "./claim-request";
import { OPEN_REQUESTS, QUICK_APPROVABLE } from "./list-moderation-queue";

export const takeQuickBatchInput = z.object({
  /** Requests the moderator skipped in earlier batches of this sitting: the next batch brings others. */
  excludeIds: z.array(z.coerce.number().int().positive()).max(500).default([]),
});

export interface QuickBatchItem {
  id: number;
  productName: string;
  reviewUrl: string;
  platform: string;
  filedAt: Date;
  dueAt: Date;
  /** The review part's attempt on screen: a re-submission meanwhile is not approved blind. */
  reviewAttempt: number;
  screenshotIds: string[];
  /** The receipt part, already approved: by a rule (its name) or by a person (null); undefined without a receipt. */
  receiptApprovedByRule?: string | null;
}

/**
 * "Можно одобрить быстро": claims up to QUICK_BATCH_SIZE of the earliest-due requests whose every automatic
 * signal is clean (QUICK_APPROVABLE), under the usual claim rule (free, expired or already the actor's; each
 * claim as takeClaim gives it), and returns what the moderator looks at for each. Nothing is decided here:
 * each review is approved on its own, by decideRequestPart, with its own confirmation.
 */
export async function takeQuickBatch(actor: ModeratorActor, input: z.input<typeof takeQuickBatchInput> = {}): Promise<QuickBatchItem[]> {
  assertActorRole(actor, AREA_ROLES.moderation);
  const at = now();
  const { excludeIds } = takeQuickBatchInput.parse(input);
  const excluded = excludeIds.length > 0 ? Prisma.sql`AND id <> ALL(${excludeIds}::int[])` : Prisma.empty;
  const ids = await db.$transaction(async (tx) => {
    // SKIP LOCKED: two moderators taking batches at once get different requests instead of waiting on each other.
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT id FROM review_requests
       WHERE ${OPEN_REQUESTS} AND ${QUICK_APPROVABLE}
         AND (claimed_by_id IS NULL OR claim_expires_at <= ${utcTimestampSql(at)} OR claimed_by_id = ${actor.id}) ${excluded}
       ORDER BY due_at, id
       LIMIT ${QUICK_BATCH_SIZE}
         FOR UPDATE SKIP LOCKED`);
    for (const row of rows) await takeClaim(tx, actor, row.id, at);
    return rows.map((row) => row.id);
  });
  if (ids.length === 0) return [];
  const requests = await db.reviewRequest.findMany({
    where: { id: { in: ids } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reviewUrl: true,
      platform: true,
      filedAt: true,
      dueAt: true,
      product: { select: { name: true } },
      parts: {
        select: {
          kind: true,
          attempt: true,
          decidedByRule: true,
          images: { where: { kind: "REVIEW_SCREENSHOT" }, orderBy: { position: "asc" }, select: { id: true, attempt: true } },
        },
      },
    },
  });
  return requests.flatMap((request) => {
    const review = request.parts.find((part) => part.kind === "REVIEW");
    if (!review) return [];
    const receipt = request.parts.find((part) => part.kind === "RECEIPT");
    return [
      {
        id: request.id,
        productName: request.product.name,
        reviewUrl: request.reviewUrl,
        platform: request.platform,
        filedAt: request.filedAt,
        dueAt: request.dueAt,
        reviewAttempt: review.attempt,
        screenshotIds: review.images.filter((image) => image.attempt === review.attempt).map((image) => image.id),
        ...(receipt && { receiptApprovedByRule: receipt.decidedByRule }),
      },
    ];
  });
}
