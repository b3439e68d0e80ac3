import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDate, formatSignedPoints } from "@/lib/format";
import { PART_LABEL, PART_STATUS_LABEL, REQUEST_STATUS_LABEL, REQUEST_STATUS_TONE } from "@/lib/request-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listMyRequests } from "@/server/domain/requests/list-my-requests";

export const metadata: Metadata = { title: "Мои заявки" };

export default async function MyRequestsPage() {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const requests = await listMyRequests(actor);
  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Мои заявки</h1>
        <Link href="/cabinet/requests/new" className={buttonVariants({ size: "md" })}>
          Новая заявка
        </Link>
      </div>
      {requests.length === 0 ? (
        <Card>
          <p className="text-[15px] text-muted">Заявок пока нет. Оставьте отзыв о продукте Carely и отправьте первую заявку.</p>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="request-list">
          {requests.map((request) => {
            const points = request.parts.reduce((sum, part) => sum + (part.points ?? 0), 0);
            return (
              <li key={request.id}>
                <Link href={`/cabinet/requests/${request.id}`} className="block rounded-2xl bg-white p-4 shadow-sm ring-1 ring-line hover:ring-brand-200">
                  <div className="flex items-start justify-between gap-3">
                    <div>
                      <p className="font-medium">
                        №{request.id} · {request.product.name}
                      </p>
                      <p className="text-xs text-muted">
                        Подана {formatDate(request.filedAt)}
                        {request.status === "PENDING" || request.status === "IN_REVIEW" ? ` · решение до ${formatDate(request.dueAt)}` : ""}
                      </p>
                    </div>
                    <Badge tone={REQUEST_STATUS_TONE[request.status]}>{REQUEST_STATUS_LABEL[request.status]}</Badge>
                  </div>
                  <p className="mt-2 text-sm text-muted">
                    {request.parts.map((part) => `${PART_LABEL[part.kind]}: ${PART_STATUS_LABEL[part.status]}`).join(" · ")}
                    {points > 0 && <span className="ml-2 font-medium text-emerald-700">{formatSignedPoints(points)}</span>}
                  </p>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
