import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { businessDaysText, calendarDaysText, formatDateTime } from "@/lib/format";
import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "@/lib/order-labels";
import { formatRussianPhone } from "@/lib/phone-format";
import { CARRIER_LABEL } from "@/lib/tracking";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { displayCodeHint } from "@/server/domain/catalogue/code-list";
import { FULFILMENT_TABS, type FulfilmentTab, fulfilmentQueueInput, listFulfilmentQueue } from "@/server/domain/fulfilment/list-fulfilment-queue";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { ApproveButton } from "./order-controls";

export const metadata: Metadata = { title: "Заказы призов" };

const TAB_LABEL: Record<FulfilmentTab, string> = {
  new: "Новые",
  approved: "Подтверждены",
  shipped: "Отправлены",
  overdue: "Просрочены",
  delivered: "Доставлены",
  cancelled: "Отменены",
};

export default async function StaffOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const params = await searchParams;
  const input = fulfilmentQueueInput.parse({
    tab: params.tab,
    carrier: params.carrier || undefined,
    kind: params.kind || undefined,
    q: params.q || undefined,
    page: params.page || undefined,
  });
  const [queue, settings] = await Promise.all([listFulfilmentQueue(actor, input), getProgrammeSettings()]);
  const linkFor = (changes: { tab?: FulfilmentTab; page?: number }) => {
    const query = new URLSearchParams();
    query.set("tab", changes.tab ?? input.tab);
    if (input.carrier) query.set("carrier", input.carrier);
    if (input.kind) query.set("kind", input.kind);
    if (input.q) query.set("q", input.q);
    if (changes.page && changes.page > 1) query.set("page", String(changes.page));
    return `/staff/orders?${query.toString()}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Заказы призов</h1>
          <p className="text-sm text-muted">Обработать в течение {businessDaysText(settings.moderationBusinessDays)}, отправить в течение {calendarDaysText(settings.shippingDays)} с заказа. Просроченные выделены.</p>
        </div>
        <div className="flex flex-wrap gap-2" data-testid="export-links">
          {(["CDEK", "RUSSIAN_POST"] as const).map((carrier) => (
            <a key={carrier} href={`/staff/orders/export?carrier=${carrier}`} className={buttonVariants({ variant: "secondary", size: "sm" })} data-testid={`export-${carrier.toLowerCase()}`}>
              CSV к отправке: {CARRIER_LABEL[carrier]}
            </a>
          ))}
        </div>
      </div>
      <nav className="flex gap-1 overflow-x-auto" aria-label="Вкладки заказов">
        {FULFILMENT_TABS.map((tab) => (
          <Link
            key={tab}
            href={linkFor({ tab })}
            data-testid={`orders-tab-${tab}`}
            className={cn(
              "whitespace-nowrap rounded-xl px-3 py-2 text-sm font-medium",
              tab === input.tab ? "bg-brand-600 text-white" : "bg-white text-ink ring-1 ring-line",
              tab === "overdue" && queue.counts.overdue > 0 && tab !== input.tab && "text-red-700 ring-red-200",
            )}
          >
            {TAB_LABEL[tab]} <span className="opacity-75">{queue.counts[tab]}</span>
          </Link>
        ))}
      </nav>
      <form action="/staff/orders" className="grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]">
        <input type="hidden" name="tab" value={input.tab} />
        <input name="q" defaultValue={input.q ?? ""} placeholder="№ заказа или телефон" aria-label="Поиск" className="h-11 rounded-xl border border-line bg-white px-3 text-sm" data-testid="orders-search" />
        <select name="carrier" defaultValue={input.carrier ?? ""} aria-label="Служба доставки" className="h-11 rounded-xl border border-line bg-white px-3 text-sm">
          <option value="">Все службы</option>
          <option value="CDEK">СДЭК</option>
          <option value="RUSSIAN_POST">Почта России</option>
        </select>
        <select name="kind" defaultValue={input.kind ?? ""} aria-label="Тип приза" className="h-11 rounded-xl border border-line bg-white px-3 text-sm">
          <option value="">Все призы</option>
          <option value="PHYSICAL">Физические</option>
          <option value="DIGITAL">Цифровые</option>
        </select>
        <button className="h-11 rounded-xl bg-brand-600 px-4 text-sm font-medium text-white">Найти</button>
      </form>
      {queue.searchProblem && <Alert tone="error">{queue.searchProblem}</Alert>}
      <Card>
        {queue.items.length === 0 ? (
          <p className="text-[15px] text-muted">Здесь нет заказов.</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="orders">
            {queue.items.map((item) => {
              const overdue = item.processingOverdue || item.shippingOverdue;
              return (
                <li
                  key={item.id}
                  className={cn("flex flex-wrap items-center justify-between gap-3 py-3", overdue && "bg-red-50/60")}
                  data-testid="order-row"
                  data-order-id={item.id}
                  data-overdue={overdue ? "true" : undefined}
                >
                  <div className="min-w-0">
                    <Link href={`/staff/orders/${item.id}`} className="font-medium hover:text-brand-700">
                      Заказ №{item.id} · {item.prize.title}
                    </Link>
                    <p className="text-xs text-muted">
                      {formatDateTime(item.createdAt)} ·{" "}
                      {item.prize.kind === "DIGITAL"
                        ? `код на ${item.deliveryEmail ?? "—"}${item.code ? ` (${displayCodeHint(item.code.codeHint)}${item.code.issuedAt ? ", отправлен" : ""})` : ""}`
                        : `${item.carrier ? CARRIER_LABEL[item.carrier] : "—"}, ${item.pickupPointCode ?? "—"} · ${item.recipientName ?? "—"}, ${item.recipientPhone ? formatRussianPhone(item.recipientPhone) : "—"}`}
                      {item.trackingNumber ? ` · трек ${item.trackingNumber}` : ""}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1">
                    <Badge tone={ORDER_STATUS_TONE[item.status]}>{ORDER_STATUS_LABEL[item.status]}</Badge>
                    {item.status === "NEW" && (
                      <Badge tone={item.processingOverdue ? "danger" : "neutral"} data-testid={item.processingOverdue ? "processing-overdue" : undefined}>
                        {item.processingOverdue ? "Обработка просрочена: " : "Обработать до "}
                        {formatDateTime(item.processingDueAt)}
                      </Badge>
                    )}
                    {(item.status === "NEW" || item.status === "APPROVED") && item.shippingDueAt && (
                      <Badge tone={item.shippingOverdue ? "danger" : "neutral"} data-testid={item.shippingOverdue ? "shipping-overdue" : undefined}>
                        {item.shippingOverdue ? "Отправка просрочена: " : "Отправить до "}
                        {formatDateTime(item.shippingDueAt)}
                      </Badge>
                    )}
                    {item.status === "NEW" && <ApproveButton orderId={item.id} digital={item.prize.kind === "DIGITAL"} compact />}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      {(input.page > 1 || queue.hasMore) && (
        <div className="flex justify-between text-sm">
          {input.page > 1 ? <Link href={linkFor({ page: input.page - 1 })}>← Назад</Link> : <span />}
          {queue.hasMore && <Link href={linkFor({ page: input.page + 1 })}>Дальше →</Link>}
        </div>
      )}
    </div>
  );
}
