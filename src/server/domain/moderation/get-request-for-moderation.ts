import "server-only";
import { onlineReceiptCheck } from "@/server/adapters/receipt-check";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { currentAttemptOf } from "@/server/domain/requests/current-attempt";
import { AppError } from "@/server/errors";

/** Everything a moderator needs to decide a request on one screen. */
export async function getRequestForModeration(actor: ModeratorActor, requestId: number) {
  assertActorRole(actor, AREA_ROLES.moderation);
  const request = await db.reviewRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      filedAt: true,
      dueAt: true,
      reviewUrl: true,
      platform: true,
      claimedById: true,
      claimExpiresAt: true,
      customerId: true,
      product: { select: { name: true } },
      customer: { select: { phone: true, createdAt: true } },
      parts: {
        orderBy: { kind: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          attempt: true,
          comment: true,
          points: true,
          images: { orderBy: [{ attempt: "desc" }, { position: "asc" }], select: { id: true, attempt: true, width: true, height: true } },
          receipts: {
            orderBy: { attempt: "desc" },
            take: 1,
            select: {
              id: true,
              attempt: true,
              qrText: true,
              purchasedAt: true,
              totalKopecks: true,
              fiscalDriveNumber: true,
              fiscalDocumentNumber: true,
              fiscalSign: true,
              fiscalKey: true,
              operationType: true,
              problem: true,
              checkStatus: true,
              checkResult: true,
              checkAttempts: true,
              checkNextAt: true,
              checkedAt: true,
            },
          },
          history: { orderBy: { decidedAt: "asc" }, select: { attempt: true, status: true, comment: true, decidedAt: true } },
        },
      },
      duplicateFlags: { orderBy: { id: "asc" }, select: { id: true, kind: true, matchedRequestId: true, distance: true } },
    },
  });
  if (!request) throw new AppError("NOT_FOUND", "Заявка не найдена.");
  const history = await db.reviewRequest.groupBy({ by: ["status"], where: { customerId: request.customerId, id: { not: request.id } }, _count: { _all: true } });
  return {
    ...request,
    /** Receipts are checked online (RECEIPT_CHECK_TOKEN): the page offers a re-check. */
    onlineReceiptCheck: onlineReceiptCheck(),
    parts: request.parts.map(currentAttemptOf),
    shopperHistory: Object.fromEntries(history.map((row) => [row.status, row._count._all])) as Partial<Record<string, number>>,
  };
}
