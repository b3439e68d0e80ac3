import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { formatPoints, formatRoubles } from "@/lib/format";
import { addDays } from "@/lib/moscow-time";
import { countRu, pluralRu } from "@/lib/plural-ru";
import { LOW_STOCK_THRESHOLD } from "@/lib/rules/stock";
import { ORDER_STATUS_LABEL } from "@/lib/order-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { DEFAULT_RANGE_DAYS, figuresRangeInput } from "@/server/domain/figures/figures-range";
import { getProgrammeFigures } from "@/server/domain/figures/get-programme-figures";
import { ApprovalChart, PointsPerDayChart, RequestsPerDayChart } from "./figures-charts";

export const metadata: Metadata = { title: "Показатели программы" };

const PRESETS = [7, 30, 90] as const;
const numberFormat = new Intl.NumberFormat("ru-RU");
const share = (value: number | null) => (value === null ? "—" : `${(value * 100).toLocaleString("ru-RU", { maximumFractionDigits: 1 })} %`);
/** A duration given in hours: minutes below an hour (a rule decides in seconds, a moderator in minutes). */
const hours = (value: number | null) => {
  if (value === null) return "—";
  if (value >= 1) return `${value.toLocaleString("ru-RU", { maximumFractionDigits: 1 })} ч`;
  const minutes = Math.round(value * 60);
  return minutes < 1 ? "< 1 мин" : `${minutes} мин`;
};
/** Decisions per day: a few decisions over a month are not "0 a day". */
const perDay = (value: number) => (value === 0 ? "0" : value < 0.1 ? "< 0,1" : value.toLocaleString("ru-RU", { maximumFractionDigits: 1 }));
const ruDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

export default async function StaffFiguresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const params = await searchParams;
  const parsed = figuresRangeInput.safeParse({
    from: typeof params.from === "string" && params.from ? params.from : undefined,
    to: typeof params.to === "string" && params.to ? params.to : undefined,
  });
  // A wrong range shows why and falls back to the default range rather than an error page.
  const figures = await getProgrammeFigures(actor, parsed.success ? parsed.data : {});
  const { from, to, today } = figures.range;
  const exportHref = (block: string) => `/staff/figures/export?${new URLSearchParams({ block, from, to }).toString()}`;
  const requestsPerDay = figures.requests.perDay.map((day, index) => ({ ...day, newShoppers: figures.participants.perDay[index]?.newCount ?? 0 }));

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Показатели программы</h1>
        <p className="text-sm text-muted">
          {ruDate(from)} — {ruDate(to)} ({figures.range.days} дн.), по московскому времени.
        </p>
      </div>
      {!parsed.success ? <Alert tone="error">{parsed.error.issues[0]?.message ?? "Проверьте период."} Показаны последние {DEFAULT_RANGE_DAYS} {pluralRu(DEFAULT_RANGE_DAYS, ["день", "дня", "дней"])}.</Alert> : null}

      <form action="/staff/figures" className="flex flex-wrap items-end gap-3" data-testid="figures-range">
        <label className="text-sm">
          С
          <Input type="date" name="from" defaultValue={from} max={today} className="mt-1 h-10 w-44" data-testid="figures-from" />
        </label>
        <label className="text-sm">
          По
          <Input type="date" name="to" defaultValue={to} max={today} className="mt-1 h-10 w-44" data-testid="figures-to" />
        </label>
        <button type="submit" className={buttonVariants({ size: "sm" })} data-testid="figures-apply">
          Показать
        </button>
        <div className="flex gap-1">
          {PRESETS.map((days) => {
            const presetFrom = addDays(today, -(days - 1));
            const active = from === presetFrom && to === today;
            return (
              <Link
                key={days}
                href={`/staff/figures?from=${presetFrom}&to=${today}`}
                data-testid={`figures-preset-${days}`}
                className={cn("rounded-xl px-3 py-2 text-sm font-medium", active ? "bg-brand-600 text-white" : "bg-white text-ink ring-1 ring-line")}
              >
                {countRu(days, ["день", "дня", "дней"])}
              </Link>
            );
          })}
        </div>
      </form>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Block name="participants" title="Участники" exportHref={exportHref("participants")}>
          <Stat label="Новые за период" value={numberFormat.format(figures.participants.newCount)} />
          <Stat label="Всего на конец периода" value={numberFormat.format(figures.participants.total)} />
          <Stat label="Активные (подали заявку)" value={numberFormat.format(figures.participants.activeShoppers)} />
        </Block>
        <Block name="decisions" title="Решения и сроки" exportHref={exportHref("decisions")}>
          <Stat label="Решено заявок" value={numberFormat.format(figures.decisions.decided)} />
          <Stat label="Медиана до решения" value={hours(figures.decisions.medianHours)} />
          <Stat label="95-й процентиль" value={hours(figures.decisions.p95Hours)} />
          <Stat
            label="Нарушен срок (из поданных)"
            value={`${numberFormat.format(figures.decisions.slaBreached)} из ${numberFormat.format(figures.decisions.filed)}`}
            hint={`позже срока — ${numberFormat.format(figures.decisions.slaBreachedDecidedLate)}, открыты после срока — ${numberFormat.format(figures.decisions.slaBreachedOpen)}`}
          />
        </Block>
        <Block name="receipts" title="Чеки" exportHref={exportHref("receipts")}>
          <Stat label="Чеков" value={numberFormat.format(figures.receipts.count)} />
          <Stat label="Средняя сумма" value={figures.receipts.averageKopecks === null ? "—" : formatRoubles(figures.receipts.averageKopecks)} />
          <Stat label="Заявок с чеком" value={share(figures.receipts.withReceiptShare)} />
        </Block>
        <Block name="repeat" title="Повторное участие" exportHref={exportHref("repeat")}>
          <Stat label="С одобренной заявкой" value={numberFormat.format(figures.repeat.withApproved)} />
          <Stat label="Из них с 2 и более" value={numberFormat.format(figures.repeat.withTwoOrMore)} />
          <Stat label="Доля повторных" value={share(figures.repeat.share)} />
        </Block>
      </div>

      <Block name="requests" title={`Заявки по дням: ${numberFormat.format(figures.requests.filed)}`} exportHref={exportHref("requests")}>
        <RequestsPerDayChart data={requestsPerDay} />
      </Block>

      <div className="grid gap-4 lg:grid-cols-2">
        <Block name="points" title="Баллы" exportHref={exportHref("points")}>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Начислено" value={formatPoints(figures.points.credited)} />
            <Stat label="Потрачено" value={formatPoints(figures.points.spent)} />
            <Stat label="Сгорело" value={formatPoints(figures.points.forfeited)} />
            <Stat label="На счетах сейчас" value={formatPoints(figures.points.outstanding)} hint="обязательства программы" />
          </div>
          {figures.points.adjusted !== 0 ? <p className="text-xs text-muted">Корректировки вручную: {formatPoints(figures.points.adjusted)} (не входят в начисления и траты).</p> : null}
          <PointsPerDayChart data={figures.points.perDay} />
        </Block>
        <Block name="approval" title="Одобрение по частям" exportHref={exportHref("approval")}>
          <ApprovalChart data={figures.approval.map((part) => ({ part: part.kind === "REVIEW" ? "Отзыв" : "Чек", approved: part.approved, rejected: part.rejected }))} />
          <table className="w-full text-sm">
            <thead className="text-muted">
              <tr>
                <th className="py-1 text-left font-medium">Часть</th>
                <th className="py-1 text-right font-medium">Решений</th>
                <th className="py-1 text-right font-medium">Одобрено</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {figures.approval.map((part) => (
                <tr key={part.kind}>
                  <td className="py-1">{part.kind === "REVIEW" ? "Отзыв" : "Чек"}</td>
                  <td className="py-1 text-right">{numberFormat.format(part.decided)}</td>
                  <td className="py-1 text-right">{share(part.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Block>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Block name="products" title="Топ продуктов по одобренным отзывам" exportHref={exportHref("products")}>
          {figures.topProducts.length === 0 ? <p className="text-sm text-muted">Нет одобренных отзывов за период.</p> : null}
          <ol className="divide-y divide-line text-sm">
            {figures.topProducts.map((product) => (
              <li key={product.productId} className="flex justify-between py-1">
                <span>{product.name}</span>
                <span className="font-medium">{numberFormat.format(product.approvedReviews)}</span>
              </li>
            ))}
          </ol>
        </Block>
        <Block name="orders" title={`Заказы призов: ${numberFormat.format(figures.orders.placed)}`} exportHref={exportHref("orders")}>
          <ul className="divide-y divide-line text-sm">
            {figures.orders.byStatus.map((row) => (
              <li key={row.status} className="flex justify-between py-1">
                <span>{ORDER_STATUS_LABEL[row.status]}</span>
                <span className="font-medium">{numberFormat.format(row.count)}</span>
              </li>
            ))}
          </ul>
        </Block>
        <Block name="stock" title={`Заканчиваются (≤ ${LOW_STOCK_THRESHOLD})`} exportHref={exportHref("stock")}>
          {figures.lowStock.length === 0 ? <p className="text-sm text-muted">Всех призов достаточно.</p> : null}
          <ul className="divide-y divide-line text-sm">
            {figures.lowStock.map((prize) => (
              <li key={prize.prizeId} className={cn("flex justify-between py-1", prize.left === 0 && "text-red-700")}>
                <span>
                  {prize.title} <span className="text-muted">({prize.kind === "PHYSICAL" ? "шт." : "кодов"})</span>
                </span>
                <span className="font-medium">{prize.left}</span>
              </li>
            ))}
          </ul>
        </Block>
      </div>

      <Block name="moderation" title="Модерация: кто решает" exportHref={exportHref("moderation")}>
        <p className="text-xs text-muted">
          Решения по частям заявок (отзыв, чек) за период: модераторов и правил автоматической проверки. Время — от подачи (или повторной отправки) до решения; «в срок» — до срока
          заявки; отменённые — решения, которые позже изменили.
        </p>
        <div className="flex flex-wrap gap-x-8 gap-y-2">
          <Stat label="Решений" value={numberFormat.format(figures.moderation.decisions)} />
          <Stat label="Решено правилами" value={share(figures.moderation.ruleShare)} />
        </div>
        {figures.moderation.deciders.length === 0 ? <p className="text-sm text-muted">Решений за период нет.</p> : null}
        {figures.moderation.deciders.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="moderation-figures">
              <thead className="text-muted">
                <tr>
                  <th className="py-1 pr-2 text-left font-medium">Кто решал</th>
                  <th className="px-2 py-1 text-right font-medium">Решений</th>
                  <th className="px-2 py-1 text-right font-medium">В день</th>
                  <th className="px-2 py-1 text-right font-medium">Медиана до решения</th>
                  <th className="px-2 py-1 text-right font-medium">В срок</th>
                  <th className="py-1 pl-2 text-right font-medium">Отменено</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {[...figures.moderation.deciders, ...(figures.moderation.rules ? [{ ...figures.moderation.rules, decider: "rules", name: "Все правила вместе" }] : [])].map((line) => (
                  <tr key={line.decider} className={line.decider === "rules" ? "font-medium" : undefined}>
                    <td className="py-1 pr-2">{line.name}</td>
                    <td className="px-2 py-1 text-right">{numberFormat.format(line.decisions)}</td>
                    <td className="px-2 py-1 text-right">{perDay(line.decisionsPerDay)}</td>
                    <td className="px-2 py-1 text-right">{hours(line.medianHours)}</td>
                    <td className="px-2 py-1 text-right">{share(line.slaKeptShare)}</td>
                    <td className="py-1 pl-2 text-right">{numberFormat.format(line.reversals)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Block>

      <Block name="cohorts" title="Удержание по месяцу первой заявки" exportHref={exportHref("cohorts")}>
        <p className="text-xs text-muted">Доля участников когорты, подавших хотя бы одну заявку через N месяцев после первой.</p>
        {figures.cohorts.length === 0 ? <p className="text-sm text-muted">Новых участников с заявками за период нет.</p> : null}
        <div className="overflow-x-auto">
          <table className="text-sm">
            <thead className="text-muted">
              <tr>
                <th className="px-2 py-1 text-left font-medium">Когорта</th>
                <th className="px-2 py-1 text-right font-medium">Участников</th>
                {Array.from({ length: Math.max(0, ...figures.cohorts.map((cohort) => cohort.retention.length)) }, (_, k) => (
                  <th key={k} className="px-2 py-1 text-right font-medium">
                    +{k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.cohorts.map((cohort) => (
                <tr key={cohort.cohort}>
                  <td className="px-2 py-1">{cohort.cohort}</td>
                  <td className="px-2 py-1 text-right">{numberFormat.format(cohort.size)}</td>
                  {cohort.retention.map((value, k) => (
                    // The heat: the cell's violet deepens with the share retained.
                    <td key={k} className="px-2 py-1 text-right" style={{ backgroundColor: `rgba(109, 40, 217, ${(0.08 + value * 0.72).toFixed(2)})`, color: value > 0.5 ? "white" : undefined }}>
                      {Math.round(value * 100)} %
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Block>
    </div>
  );
}

function Block({ name, title, exportHref, children }: { name: string; title: string; exportHref: string; children: ReactNode }) {
  return (
    <Card className="space-y-3" data-testid={`figures-block-${name}`}>
      <div className="flex items-start justify-between gap-2">
        <CardTitle className="text-base">{title}</CardTitle>
        <a href={exportHref} className="whitespace-nowrap text-xs font-medium text-brand-700 underline" data-testid={`figures-export-${name}`} download>
          CSV
        </a>
      </div>
      {children}
    </Card>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <div className="text-xs text-muted">{label}</div>
      <div className="text-xl font-semibold">{value}</div>
      {hint ? <div className="text-xs text-muted">{hint}</div> : null}
    </div>
  );
}
