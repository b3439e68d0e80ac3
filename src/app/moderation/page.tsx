import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listModerationQueue } from "@/server/domain/moderation/list-moderation-queue";

export const metadata: Metadata = { title: "Модерация" };

export default async function ModerationQueuePage() {
  const actor = await requirePageRole(AREA_ROLES.moderation);
  const queue = await listModerationQueue(actor);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Очередь заявок</h1>
          <p className="text-sm text-muted">Сначала заявки с самым ранним сроком решения.</p>
        </div>
        <div className="flex gap-2">
          <Badge tone="brand">Ожидают: {queue.openCount}</Badge>
          <Badge tone={queue.overdueCount > 0 ? "danger" : "neutral"}>Просрочены: {queue.overdueCount}</Badge>
        </div>
      </div>
      <Card>
        <CardTitle className="sr-only">Заявки</CardTitle>
        {queue.items.length === 0 ? (
          <p className="text-[15px] text-muted">Очередь пуста — все заявки рассмотрены.</p>
        ) : (
          <ul className="divide-y divide-line">
            {queue.items.map((item) => {
              const overdue = item.dueAt < queue.at;
              return (
                <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div>
                    <Link href={`/moderation/requests/${item.id}`} className="font-medium hover:text-brand-700">
                      Заявка №{item.id} · {item.product.name}
                    </Link>
                    <p className="text-xs text-muted">Подана {formatDateTime(item.filedAt)}</p>
                  </div>
                  <Badge tone={overdue ? "danger" : "neutral"}>Срок: {formatDateTime(item.dueAt)}</Badge>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
