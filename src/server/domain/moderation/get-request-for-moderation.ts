import "server-only";
import { onlineReceiptCheck } from "@/server/adapters/receipt-check";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ModeratorActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { currentAttemptOf } from "@/server/domain/requests/current-attempt";
import { AppError } from "@/server/errors";
import { readQrBox } from "@/server/receipts/qr/qr-box";
import { loadMatchCatalogue, receiptProductsView } from "@/server/receipts/receipt-products";
import { readRiskSignals } from "@/lib/rules/risk-signals";
import { findLinkedAccounts } from "@/server/domain/fraud-signals/find-linked-accounts";

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
      productId: true,
      riskLevel: true,
      riskReasons: true,
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
          decidedByRule: true,
          images: { orderBy: [{ attempt: "desc" }, { position: "asc" }], select: { id: true, attempt: true, width: true, height: true, qrBox: true } },
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
  // Fraud signals (docs/rules/auto-moderation.md): other accounts linked to this shopper, for the
  // moderator's eyes; they decide nothing.
  const linkedAccounts = await findLinkedAccounts(request.customerId);
  const parts = request.parts.map(currentAttemptOf);
  const confirmed = parts.find((part) => part.receipt?.checkStatus === "CONFIRMED")?.receipt;
  return {
    ...request,
    /** The confirmed receipt's lines with the brand's products found in them (docs/rules/auto-moderation.md). */
    receiptProducts: confirmed ? receiptProductsView(confirmed.checkResult, request.productId, await loadMatchCatalogue()) : null,
    /** Receipts are checked online (RECEIPT_CHECK_TOKEN): the page offers a re-check. */
    onlineReceiptCheck: onlineReceiptCheck(),
    // The QR code's box is JSON in the row: read defensively, so the viewer gets a box or nothing.
    parts: parts.map((part) => ({ ...part, images: part.images.map((image) => ({ ...image, qrBox: readQrBox(image.qrBox) })) })),
    linkedAccounts,
    risk: { level: request.riskLevel, signals: readRiskSignals(request.riskReasons) },
    shopperHistory: Object.fromEntries(history.map((row) => [row.status, row._count._all])) as Partial<Record<string, number>>,
  };
}
