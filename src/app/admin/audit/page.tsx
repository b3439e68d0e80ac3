import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { AUDIT_ACTION_LABEL, AUDIT_ENTITY_LABEL, USER_ROLE_LABEL } from "@/lib/admin-labels";
import { formatDateTime } from "@/lib/format";
import { maskPhone } from "@/lib/phone-format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { type AuditLogFilters, listAuditFilterOptions, listAuditLog, listAuditLogInput } from "@/server/domain/admin/list-audit-log";
import { AuditData } from "./audit-data";
import { AUTOMATIC_DECIDER_NAME } from "@/lib/rules/automation-rules";

export const metadata: Metadata = { title: "Журнал действий" };

const FILTER_KEYS = ["actorId", "action", "entityType", "entityId", "from", "to"] as const;

const selectClass = "h-12 w-full rounded-xl border border-line bg-white px-3 text-base";

/** An automatic rule's decision carries its rule in `data.rule` (record-part-decision.ts). */
function isRuleDecision(data: unknown): boolean {
  return typeof data === "object" && data !== null && typeof (data as { rule?: unknown }).rule === "string";
}

function who(actor: { name: string | null; email: string | null; phone: string | null; role: keyof typeof USER_ROLE_LABEL } | null): string {
  if (!actor) return "Система";
  // A shopper acting on their own data is shown by a masked phone: the log is no place for their number.
  const name = actor.name ?? actor.email ?? (actor.phone ? maskPhone(actor.phone) : "—");
  return `${name} (${USER_ROLE_LABEL[actor.role].toLowerCase()})`;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const params = await searchParams;
  const raw = Object.fromEntries(["before", ...FILTER_KEYS].map((key) => [key, typeof params[key] === "string" ? params[key] : undefined]));
  const parsed = listAuditLogInput.safeParse(raw);
  // A broken filter in the address shows the whole log with the reason, rather than an error page.
  const filters: AuditLogFilters = parsed.success ? parsed.data : {};
  const [page, options] = await Promise.all([listAuditLog(actor, filters), listAuditFilterOptions(actor)]);
  const filterQuery = new URLSearchParams(FILTER_KEYS.flatMap((key) => (filters[key] !== undefined ? [[key, String(filters[key])]] : [])));
  const nextHref = page.nextBefore ? `/admin/audit?${new URLSearchParams([...filterQuery, ["before", page.nextBefore]])}` : null;
  const firstHref = `/admin/audit${filterQuery.size > 0 ? `?${filterQuery}` : ""}`;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Журнал действий</h1>
        <p className="text-sm text-muted">Решения модераторов, заказы, изменения настроек, сотрудников и баллов — новые сверху. Записи журнала не меняются и не удаляются.</p>
      </div>

      <Card>
        <form method="get" action="/admin/audit" className="grid gap-3 sm:grid-cols-3" data-testid="audit-filters">
          <div className="space-y-1.5">
            <label htmlFor="audit-actor" className="text-sm font-medium">
              Кто
            </label>
            <select id="audit-actor" name="actorId" defaultValue={filters.actorId ?? ""} className={selectClass}>
              <option value="">Все</option>
              {options.actors.map((person) => (
                <option key={person.id} value={person.id}>
                  {who(person)}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-action" className="text-sm font-medium">
              Действие
            </label>
            <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={selectClass}>
              <option value="">Все</option>
              {[...new Set([...options.actions, ...(filters.action ? [filters.action] : [])])].map((action) => (
                <option key={action} value={action}>
                  {AUDIT_ACTION_LABEL[action] ?? action}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-entity-type" className="text-sm font-medium">
              Объект
            </label>
            <select id="audit-entity-type" name="entityType" defaultValue={filters.entityType ?? ""} className={selectClass}>
              <option value="">Все</option>
              {[...new Set([...options.entityTypes, ...(filters.entityType ? [filters.entityType] : [])])].map((type) => (
                <option key={type} value={type}>
                  {AUDIT_ENTITY_LABEL[type] ?? type}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-entity-id" className="text-sm font-medium">
              Номер объекта
            </label>
            <Input id="audit-entity-id" name="entityId" defaultValue={filters.entityId ?? ""} autoComplete="off" />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-from" className="text-sm font-medium">
              С даты
            </label>
            <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-to" className="text-sm font-medium">
              По дату
            </label>
            <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
          <div className="flex flex-wrap gap-2 sm:col-span-3">
            <Button type="submit">Показать</Button>
            <Link href="/admin/audit" className="inline-flex h-11 items-center rounded-xl px-4 text-[15px] font-medium text-ink hover:bg-brand-50">
              Сбросить
            </Link>
          </div>
        </form>
      </Card>

      {!parsed.success && (
        <Alert tone="error" data-testid="filter-error">
          {parsed.error.issues[0]?.message ?? "Фильтр указан неверно."} Показан весь журнал.
        </Alert>
      )}

      <Card>
        {page.entries.length === 0 ? (
          <p className="text-[15px] text-muted">Записей нет{filterQuery.size > 0 ? " — попробуйте изменить фильтр" : ""}.</p>
        ) : (
          <ol className="divide-y divide-line" data-testid="audit-entries">
            {page.entries.map((entry) => (
              <li key={entry.id} className="space-y-1 py-3" data-testid="audit-entry" data-action={entry.action}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <p className="font-medium">{AUDIT_ACTION_LABEL[entry.action] ?? entry.action}</p>
                  <p className="text-xs text-muted">
                    {formatDateTime(entry.createdAt)} · №{entry.id}
                  </p>
                </div>
                <p className="text-sm text-muted">
                  {entry.actor ? who(entry.actor) : isRuleDecision(entry.data) ? AUTOMATIC_DECIDER_NAME : who(null)} ·{" "}
                  <Link
                    href={`/admin/audit?${new URLSearchParams({ entityType: entry.entityType, entityId: entry.entityId })}`}
                    className="text-brand-700 hover:underline"
                    title="Все записи об этом объекте"
                  >
                    {AUDIT_ENTITY_LABEL[entry.entityType] ?? entry.entityType} {entry.entityId}
                  </Link>
                </p>
                <AuditData action={entry.action} data={entry.data} />
              </li>
            ))}
          </ol>
        )}
      </Card>

      {(nextHref || filters.before) && (
        <nav aria-label="Страницы журнала" className="flex gap-2">
          {filters.before && (
            <Link href={firstHref} className="inline-flex h-11 items-center rounded-xl bg-white px-4 text-[15px] font-medium ring-1 ring-line hover:bg-brand-50">
              ← Самые новые
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className="inline-flex h-11 items-center rounded-xl bg-white px-4 text-[15px] font-medium ring-1 ring-line hover:bg-brand-50">
              Более ранние →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
