import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { isDevOutboxEnabled } from "@/server/config/env";
import { UNDELIVERED_PAGE_SIZE, UNDELIVERED_TABS, type UndeliveredTab, listUndeliveredEmails, undeliveredEmailsInput } from "@/server/domain/outbox/list-undelivered-emails";
import { RetryEmailButton } from "./retry-email-button";

export const metadata: Metadata = { title: "Отправка писем" };

const TAB_LABEL: Record<UndeliveredTab, string> = { failed: "С ошибкой", waiting: "В очереди" };

/** What each template is, in the words of the people reading this page; an unknown one shows its name. */
const TEMPLATE_LABEL: Record<string, string> = {
  "request-decided": "Решение по заявке",
  "order-status-changed": "Статус заказа",
  "moderation-digest": "Сводка для модераторов",
  "fulfilment-digest": "Сводка по заказам",
  "forfeiture-warning": "Предупреждение о списании баллов",
  "staff-invite": "Приглашение сотрудника",
};

export default async function AdminOutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const params = await searchParams;
  const input = undeliveredEmailsInput.parse({ tab: params.tab });
  const list = await listUndeliveredEmails(actor, input);
  const preview = isDevOutboxEnabled();

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Отправка писем</h1>
        <p className="text-sm text-muted">
          Письма участникам и сотрудникам уходят через очередь: если почтовый сервис не ответил, письмо отправляется повторно с растущей паузой — до{" "}
          {list.maxAttempts} попыток, одно и то же письмо не уходит дважды. После последней неудачной попытки письмо остаётся здесь, пока его не отправят снова.
        </p>
      </div>

      {list.gaveUp > 0 && (
        <p className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200" data-testid="outbox-gave-up">
          Не отправлено после всех попыток: {list.gaveUp}. Проверьте адрес и ошибку, затем нажмите «Отправить снова».
        </p>
      )}

      <nav aria-label="Письма" className="flex gap-1 overflow-x-auto">
        {UNDELIVERED_TABS.map((tab) => (
          <Link
            key={tab}
            href={`/admin/outbox?tab=${tab}`}
            aria-current={tab === input.tab ? "page" : undefined}
            data-testid={`outbox-tab-${tab}`}
            className={cn(
              "whitespace-nowrap rounded-xl px-3 py-2 text-sm font-medium",
              tab === input.tab ? "bg-brand-600 text-white" : "bg-white text-ink ring-1 ring-line hover:bg-brand-50",
            )}
          >
            {TAB_LABEL[tab]} <span className="opacity-75">{list.counts[tab]}</span>
          </Link>
        ))}
      </nav>

      {list.items.length === 0 ? (
        <Card>
          <p className="text-[15px] text-muted">
            {input.tab === "failed" ? "Ошибок отправки нет — все письма ушли или ждут своей очереди." : "Очередь пуста: все письма отправлены."}
          </p>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="outbox-emails">
          {list.items.map((email) => (
            <li key={email.id}>
              <Card className="space-y-2 p-4" data-testid="outbox-email">
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
                  {email.gaveUp ? (
                    <Badge tone="danger">Не отправлено</Badge>
                  ) : email.status === "FAILED" ? (
                    <Badge tone="warning">Повтор запланирован</Badge>
                  ) : email.status === "SENDING" ? (
                    <Badge tone="brand">Отправляется</Badge>
                  ) : (
                    <Badge>Ждёт отправки</Badge>
                  )}
                  <span>№{email.id}</span>
                  <span>· создано {formatDateTime(email.createdAt)}</span>
                  {email.template && <span>· {TEMPLATE_LABEL[email.template] ?? email.template}</span>}
                </div>
                <p className="break-words font-medium" data-testid="outbox-email-subject">
                  {email.subject ?? "(без темы)"}
                </p>
                <p className="break-all text-sm" data-testid="outbox-email-recipient">
                  Кому: {email.recipient}
                </p>
                <p className="text-sm text-muted">
                  Попыток: {email.attempts} из {list.maxAttempts}
                  {email.nextAttemptAt && email.status !== "SENDING" && <> · следующая попытка {formatDateTime(email.nextAttemptAt)}</>}
                  {email.provider && email.provider !== "outbox" && <> · через {email.provider}</>}
                </p>
                {email.lastError && (
                  <p className="break-words text-sm text-red-700" data-testid="outbox-email-error">
                    {email.status === "FAILED" ? "Ошибка" : "Прошлая ошибка"}: {email.lastError}
                  </p>
                )}
                <div className="flex flex-wrap items-center gap-3">
                  {email.status === "FAILED" && <RetryEmailButton id={email.id} />}
                  {preview && (
                    <a href={`/dev/outbox/${email.id}`} target="_blank" rel="noopener" className="text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
                      Открыть письмо
                    </a>
                  )}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && <p className="text-sm text-muted">Показаны первые {UNDELIVERED_PAGE_SIZE} писем.</p>}
    </div>
  );
}
