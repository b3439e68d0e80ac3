import type { Metadata } from "next";
import Link from "next/link";
import { ReviewLink } from "@/components/requests/review-link";
import { imageUrl } from "@/components/uploads/upload-image";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatSignedPoints } from "@/lib/format";
import { maskPhone } from "@/lib/phone-format";
import { PART_LABEL, PART_STATUS_LABEL, REQUEST_STATUS_LABEL, REQUEST_STATUS_TONE } from "@/lib/request-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { now } from "@/server/clock";
import { getRequestForModeration } from "@/server/domain/moderation/get-request-for-moderation";
import { listRejectionTemplates } from "@/server/domain/moderation/list-rejection-templates";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";
import { ClaimBanner, DecisionDesk, DecisionPanel, DeskToolbar } from "./moderation-controls";
import { ReceiptCheckSummary } from "./receipt-check-summary";
import { ReceiptFields } from "./receipt-fields";
import { ReceiptProducts } from "./receipt-products";
import { ReverseAutomaticRejection } from "./reverse-automatic-rejection";
import { RequestImageViewer, ReviewableImage } from "./request-images";
import { RiskBadge } from "@/components/moderation/risk-badge";
import { AUTOMATIC_DECIDER_NAME, AUTOMATION_RULE_LABEL, type AutomationRule } from "@/lib/rules/automation-rules";
import { RiskSummary } from "./risk-summary";

export const metadata: Metadata = { title: "Решение по заявке" };

const FLAG_LABEL = { RECEIPT: "Этот чек уже был в заявке", REVIEW_LINK: "Эта ссылка на отзыв уже была в заявке", SCREENSHOT: "Этот скриншот уже был в заявке" } as const;

export default async function ModerationRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole(AREA_ROLES.moderation);
  const request = await loadByIdOrNotFound((await params).id, (id) => getRequestForModeration(actor, id));
  const templates = await listRejectionTemplates();
  const pendingParts = request.parts.filter((part) => part.status === "PENDING").length;
  const overdue = pendingParts > 0 && request.dueAt < now();
  // Every image of the request in one viewer; a receipt opens on its QR code, its decoded fields beside it.
  const viewerImages = request.parts.flatMap((part) =>
    part.images.map((image, index) => ({
      id: image.id,
      url: imageUrl(image.id, "full"),
      width: image.width,
      height: image.height,
      label: part.images.length > 1 ? `${PART_LABEL[part.kind]}, фото ${index + 1} из ${part.images.length}` : PART_LABEL[part.kind],
      focus: image.qrBox,
      details: part.receipt ? <ReceiptFields receipt={part.receipt} layout="list" /> : undefined,
    })),
  );

  return (
    <RequestImageViewer images={viewerImages}>
      <DecisionDesk key={request.id} requestId={request.id} pendingParts={request.parts.filter((part) => part.status === "PENDING").map((part) => part.kind)}>
        <div className="space-y-4">
          <Link href="/moderation" className="text-sm text-muted hover:text-ink">
            ← Очередь
          </Link>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h1 className="text-2xl font-semibold tracking-tight">Заявка №{request.id}</h1>
              <p className="text-[15px] text-muted">{request.product.name}</p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <DeskToolbar />
              <Badge tone={REQUEST_STATUS_TONE[request.status]}>{REQUEST_STATUS_LABEL[request.status]}</Badge>
              <Badge tone={overdue ? "danger" : "neutral"}>Срок: {formatDateTime(request.dueAt)}</Badge>
              <RiskBadge level={request.risk.level} />
            </div>
          </div>
          {pendingParts > 0 && <ClaimBanner requestId={request.id} />}
          <Card className="space-y-1 text-sm">
            <p>Подана: {formatDateTime(request.filedAt)}</p>
            <ReviewLink url={request.reviewUrl} />
            <p>
              Участник: {request.customer.phone ? maskPhone(request.customer.phone) : "данные удалены"}, с {formatDateTime(request.customer.createdAt)} · других заявок: одобрено{" "}
              {(request.shopperHistory.APPROVED ?? 0) + (request.shopperHistory.PARTIALLY_APPROVED ?? 0)}, отклонено {request.shopperHistory.REJECTED ?? 0}, ждут{" "}
              {(request.shopperHistory.PENDING ?? 0) + (request.shopperHistory.IN_REVIEW ?? 0)}
            </p>
            <RiskSummary risk={request.risk} linkedAccounts={request.linkedAccounts} />
          </Card>
          {request.duplicateFlags.length > 0 && (
            <Card className="space-y-1 border-amber-300 bg-amber-50 text-sm" data-testid="duplicate-flags">
              {request.duplicateFlags.map((flag) => (
                <p key={flag.id}>
                  ⚠ {FLAG_LABEL[flag.kind]}{" "}
                  <Link href={`/moderation/requests/${flag.matchedRequestId}`} className="font-medium text-brand-700 hover:underline">
                    №{flag.matchedRequestId}
                  </Link>
                  {flag.distance ? ` (похожесть: ${64 - flag.distance}/64)` : ""}
                </p>
              ))}
            </Card>
          )}
          {request.parts.map((part) => (
            <Card key={part.id} className="space-y-3" data-testid={`moderation-part-${part.kind.toLowerCase()}`}>
              <div className="flex items-center justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {PART_LABEL[part.kind]}
                  {part.attempt > 1 ? ` · попытка ${part.attempt}` : ""}
                </h2>
                <div className="flex items-center gap-2">
                  {part.points ? <span className="font-semibold text-emerald-700">{formatSignedPoints(part.points)}</span> : null}
                  <Badge tone={part.status === "APPROVED" ? "success" : part.status === "REJECTED" ? "danger" : "neutral"}>{PART_STATUS_LABEL[part.status]}</Badge>
                </div>
              </div>
              {part.receipt && (
                <div className="space-y-1 rounded-xl bg-canvas p-3 text-sm">
                  <ReceiptFields receipt={part.receipt} />
                  <ReceiptCheckSummary receipt={part.receipt} online={request.onlineReceiptCheck} />
                  {request.receiptProducts && <ReceiptProducts view={request.receiptProducts} />}
                </div>
              )}
              {part.status === "APPROVED" && part.decidedByRule && (
                <p className="text-sm text-muted" data-testid="automatic-approval">
                  Одобрено: {AUTOMATIC_DECIDER_NAME.toLowerCase()}, правило «{AUTOMATION_RULE_LABEL[part.decidedByRule as AutomationRule]?.title ?? part.decidedByRule}».
                </p>
              )}
              {part.comment && <p className="text-sm text-muted">Комментарий: {part.comment}</p>}
              <div className="grid gap-3 sm:grid-cols-2">
                {part.images.map((image, index) => (
                  <ReviewableImage key={image.id} id={image.id} url={imageUrl(image.id, "full")} label={`${PART_LABEL[part.kind]}, фото ${index + 1} из ${part.images.length}`} />
                ))}
              </div>
              {part.status === "REJECTED" && part.decidedByRule && <ReverseAutomaticRejection requestId={request.id} partKind={part.kind} attempt={part.attempt} rule={part.decidedByRule} />}
              {part.status === "PENDING" && (
                <DecisionPanel
                  requestId={request.id}
                  partKind={part.kind}
                  attempt={part.attempt}
                  templates={templates.filter((template) => !template.partKind || template.partKind === part.kind)}
                />
              )}
            </Card>
          ))}
        </div>
      </DecisionDesk>
    </RequestImageViewer>
  );
}
