import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { DUE_SOON_HOURS, listModerationQueue, moderationQueueInput, QUEUE_TABS, type QueueTab } from "@/server/domain/moderation/list-moderation-queue";
import { listRequestProducts } from "@/server/domain/requests/list-request-products";
import { RiskBadge } from "@/components/moderation/risk-badge";
import { RISK_LEVEL_LABEL, RISK_LEVELS } from "@/lib/rules/risk-signals";
import { QUICK_BATCH_SIZE } from "@/lib/rules/quick-approval";

export const metadata: Metadata = { title: "Модерация" };

const TAB_LABEL: Record<QueueTab, string> = { all: "Все", overdue: "Просрочены", today: "Срок сегодня", soon: `Срок ≤ ${DUE_SOON_HOURS} ч`, flagged: "С повторами" };

/** The marks a queue row carries, from the request's own columns. */
function rowMarks(item: { hasDuplicateReceipt: boolean; hasDuplicateScreenshot: boolean; hasDuplicateReviewLink: boolean; receiptCheckFailed: boolean }): string[] {
  return [
    item.hasDuplicateReceipt && "повтор чека",
    item.hasDuplicateScreenshot && "повтор скриншота",
    item.hasDuplicateReviewLink && "повтор ссылки",
    item.receiptCheckFailed && "чек не подтверждён",
  ].filter((mark): mark is string => Boolean(mark));
}

export default async function ModerationQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.moderation);
  const params = await searchParams;
  const input = moderationQueueInput.parse({
    tab: params.tab,
    status: params.status || undefined,
    productId: params.productId || undefined,
    flag: params.flag || undefined,
    q: params.q || undefined,
    risk: params.risk || undefined,
    sort: params.sort,
  });
  const [queue, products] = await Promise.all([listModerationQueue(actor, input), listRequestProducts()]);
  const linkFor = (tab: QueueTab) => {
    const query = new URLSearchParams();
    query.set("tab", tab);
    if (input.status) query.set("status", input.status);
    if (input.productId) query.set("productId", String(input.productId));
    if (input.flag) query.set("flag", input.flag);
    if (input.q) query.set("q", input.q);
    if (input.risk) query.set("risk", input.risk);
    if (input.sort !== "due") query.set("sort", input.sort);
    return `/moderation?${query.toString()}`;
  };

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Очередь заявок</h1>
        <p className="text-sm text-muted">
          {input.sort === "risk" ? "По сроку решения, а в пределах дня — сначала с высоким риском." : "Сначала заявки с самым ранним сроком решения."}
        </p>
      </div>
      {queue.counts.quick > 0 && (
        <Link
          href="/moderation/quick"
          data-testid="quick-approval-link"
          className="flex min-h-11 flex-wrap items-center justify-between gap-2 rounded-xl bg-emerald-50 px-4 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200 hover:bg-emerald-100"
        >
          <span>
            <span className="font-medium">Можно одобрить быстро: {queue.counts.quick}</span> — все автоматические проверки чистые, осталось посмотреть отзыв.
          </span>
          <span className="font-medium">Проверить пачкой до {QUICK_BATCH_SIZE} →</span>
        </Link>
      )}
      <nav className="flex gap-1 overflow-x-auto" aria-label="Вкладки очереди">
        {QUEUE_TABS.map((tab) => (
          <Link
            key={tab}
            href={linkFor(tab)}
            data-testid={`queue-tab-${tab}`}
            className={cn("whitespace-nowrap rounded-xl px-3 py-2 text-sm font-medium", tab === input.tab ? "bg-brand-600 text-white" : "bg-white text-ink ring-1 ring-line")}
          >
            {TAB_LABEL[tab]} <span className="opacity-75">{queue.counts[tab]}</span>
          </Link>
        ))}
      </nav>
      {/* Two rows of four on a desk, so every select shows its choice whole; a product's long name may still shrink. */}
      <form action="/moderation" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        <input type="hidden" name="tab" value={input.tab} />
        <input name="q" defaultValue={input.q ?? ""} placeholder="№ заявки или телефон" aria-label="Поиск" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm" />
        <select name="status" defaultValue={input.status ?? ""} aria-label="Статус" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm">
          <option value="">Любой статус</option>
          <option value="PENDING">Новые</option>
          <option value="IN_REVIEW">Частично решены</option>
        </select>
        <select name="productId" defaultValue={input.productId ?? ""} aria-label="Продукт" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm">
          <option value="">Все продукты</option>
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name}
            </option>
          ))}
        </select>
        <select name="flag" defaultValue={input.flag ?? ""} aria-label="Отметки" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm">
          <option value="">Любые отметки</option>
          <option value="RECEIPT">Повтор чека</option>
          <option value="SCREENSHOT">Повтор скриншота</option>
          <option value="REVIEW_LINK">Повтор ссылки</option>
          <option value="CHECK_FAILED">Чек не подтверждён сервисом</option>
        </select>
        <select name="risk" defaultValue={input.risk ?? ""} aria-label="Риск" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm" data-testid="queue-risk">
          <option value="">Любой риск</option>
          {[...RISK_LEVELS].reverse().map((level) => (
            <option key={level} value={level}>
              Риск {RISK_LEVEL_LABEL[level]}
            </option>
          ))}
        </select>
        <select name="sort" defaultValue={input.sort} aria-label="Порядок" className="h-11 w-full min-w-0 rounded-xl border border-line bg-white px-3 text-sm" data-testid="queue-sort">
          <option value="due">По сроку</option>
          <option value="risk">По сроку, риск выше — раньше</option>
        </select>
        <button className="h-11 rounded-xl bg-brand-600 px-4 text-sm font-medium text-white">Найти</button>
      </form>
      {queue.searchProblem && <Alert tone="error">{queue.searchProblem}</Alert>}
      <Card>
        {queue.items.length === 0 ? (
          <p className="text-[15px] text-muted">Здесь нет заявок, ждущих решения.</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="queue">
            {queue.items.map((item) => {
              const overdue = item.dueAt < queue.at;
              const dueToday = !overdue && item.dueAt <= queue.endOfToday;
              const claimedByOther = item.claimExpiresAt && item.claimExpiresAt > queue.at && item.claimedBy;
              return (
                <li key={item.id} className={cn("flex flex-wrap items-center justify-between gap-3 py-3", overdue && "bg-red-50/60", dueToday && "bg-amber-50/60")}>
                  <div>
                    <Link href={`/moderation/requests/${item.id}`} className="font-medium hover:text-brand-700">
                      Заявка №{item.id} · {item.product.name}
                    </Link>
                    <p className="text-xs text-muted">
                      Подана {formatDateTime(item.filedAt)}
                      {claimedByOther ? ` · проверяет ${item.claimedBy?.name ?? item.claimedBy?.email}` : ""}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    <RiskBadge level={item.riskLevel} />
                    {item.quickApprovable && <Badge tone="success">можно одобрить быстро</Badge>}
                    {rowMarks(item).map((mark) => (
                      <Badge key={mark} tone="warning">
                        {mark}
                      </Badge>
                    ))}
                    <Badge tone={overdue ? "danger" : dueToday ? "warning" : "neutral"}>
                      {overdue ? "Просрочена: " : "Срок: "}
                      {formatDateTime(item.dueAt)}
                    </Badge>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
