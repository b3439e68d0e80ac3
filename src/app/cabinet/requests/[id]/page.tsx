import type { Metadata } from "next";
import Link from "next/link";
import { ReviewLink } from "@/components/requests/review-link";
import { AUTOMATIC_DECIDER_NAME } from "@/lib/rules/automation-rules";
import { imageUrl } from "@/components/uploads/upload-image";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate, formatDateTime, formatRoubles, formatSignedPoints } from "@/lib/format";
import { PART_LABEL, PART_STATUS_LABEL, REQUEST_STATUS_LABEL, REQUEST_STATUS_TONE } from "@/lib/request-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getMyRequest } from "@/server/domain/requests/get-my-request";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { ResubmitPartForm } from "./resubmit-part-form";

export const metadata: Metadata = { title: "Заявка" };

export default async function MyRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const request = await loadByIdOrNotFound((await params).id, (id) => getMyRequest(actor, id));
  const settings = await getProgrammeSettings();
  const open = request.status === "PENDING" || request.status === "IN_REVIEW";

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/cabinet/requests" className="-my-3 inline-flex min-h-11 items-center text-sm text-muted hover:text-ink">
        ← Мои заявки
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Заявка №{request.id}</h1>
          <p className="text-[15px] text-muted">{request.product.name}</p>
        </div>
        <Badge tone={REQUEST_STATUS_TONE[request.status]} data-testid="request-status">
          {REQUEST_STATUS_LABEL[request.status]}
        </Badge>
      </div>
      <Card className="space-y-1 text-sm">
        <p>
          Подана: <span className="font-medium">{formatDateTime(request.filedAt)}</span>
        </p>
        {open && (
          <p data-testid="due-date">
            Решение до: <span className="font-medium">{formatDate(request.dueAt)}</span>
          </p>
        )}
        <ReviewLink url={request.reviewUrl} />
      </Card>

      {request.parts.map((part) => (
        <Card key={part.id} className="space-y-3" data-testid={`part-${part.kind.toLowerCase()}`}>
          <div className="flex items-center justify-between gap-3">
            <h2 className="text-lg font-semibold">{PART_LABEL[part.kind]}</h2>
            <div className="flex items-center gap-2">
              {part.points ? <span className="font-semibold text-emerald-700">{formatSignedPoints(part.points)}</span> : null}
              <Badge tone={part.status === "APPROVED" ? "success" : part.status === "REJECTED" ? "danger" : "neutral"}>{PART_STATUS_LABEL[part.status]}</Badge>
            </div>
          </div>
          {part.attempt > 1 && <p className="text-xs text-muted">Отправлено повторно ({part.attempt}-я попытка) {formatDateTime(part.submittedAt)}</p>}
          {part.comment && (
            <p className="rounded-xl bg-canvas px-3 py-2 text-sm" data-testid="moderator-comment">
              <span className="text-muted">{part.decidedByRule ? `${AUTOMATIC_DECIDER_NAME}: ` : "Комментарий модератора: "}</span>
              {part.comment}
            </p>
          )}
          {part.receipt && (
            <div className="text-sm" data-testid="receipt-details">
              {part.receipt.purchasedAt && part.receipt.totalKopecks !== null ? (
                <p>
                  Чек от <span className="font-medium" data-testid="receipt-date">{formatDateTime(part.receipt.purchasedAt)}</span> на сумму{" "}
                  <span className="font-medium" data-testid="receipt-sum">{formatRoubles(part.receipt.totalKopecks)}</span>
                </p>
              ) : (
                <p className="text-muted">{part.receipt.problem ?? "Данные чека не распознаны"} — модератор проверит фото.</p>
              )}
            </div>
          )}
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5">
            {part.images.map((image) => (
              <li key={image.id}>
                <a href={imageUrl(image.id, "full")} target="_blank" rel="noopener" aria-label="Открыть фото целиком" className="block aspect-[3/4] overflow-hidden rounded-xl ring-1 ring-line">
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={imageUrl(image.id)} alt="" className="size-full object-cover" loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
          {part.status === "REJECTED" && (
            <ResubmitPartForm requestId={request.id} partKind={part.kind} maxImages={part.kind === "REVIEW" ? settings.maxScreenshots : 1} />
          )}
        </Card>
      ))}
    </div>
  );
}
