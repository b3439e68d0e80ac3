import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { CALENDAR_DAY_KIND_LABEL, MONTH_NAMES, formatDayMonth, formatWeekdayShort } from "@/lib/calendar-labels";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { moscowDateKey } from "@/lib/moscow-time";
import { now } from "@/server/clock";
import { CALENDAR_YEAR_RANGE } from "@/lib/rules/calendar";
import { listCalendarYear, listCalendarYearInput } from "@/server/domain/calendar/list-calendar-year";
import { CalendarDayForm, RemoveCalendarDayButton } from "./calendar-controls";

export const metadata: Metadata = { title: "Производственный календарь" };

export default async function AdminCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const params = await searchParams;
  const currentYear = Number(moscowDateKey(now()).slice(0, 4));
  // A missing or impossible year in the address shows the current one rather than an error page.
  const parsed = listCalendarYearInput.safeParse({ year: params.year });
  const calendar = await listCalendarYear(actor, parsed.success ? parsed.data : { year: currentYear });
  const { year } = calendar;
  const editing = calendar.days.find((day) => day.date === params.edit) ?? null;
  const years = [...new Set([...calendar.years, currentYear, year])].sort((a, b) => a - b);
  const months = MONTH_NAMES.map((name, index) => ({ name, days: calendar.days.filter((day) => day.month === index + 1) })).filter((month) => month.days.length > 0);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Производственный календарь</h1>
        <p className="text-sm text-muted">
          Исключения из недели «понедельник–пятница»: праздники, перенесённые выходные и рабочие субботы. Сроки проверки заявок считаются в рабочих днях по этому
          календарю, по московскому времени; при изменении даты сроки открытых заявок пересчитываются.
        </p>
      </div>

      <nav aria-label="Год" className="flex items-center gap-1 overflow-x-auto">
        {year > CALENDAR_YEAR_RANGE.min && (
          <Link href={`/admin/calendar?year=${year - 1}`} aria-label="Предыдущий год" className="rounded-xl px-3 py-2 text-sm font-medium text-muted ring-1 ring-line hover:bg-brand-50">
            ←
          </Link>
        )}
        {years.map((option) => (
          <Link
            key={option}
            href={`/admin/calendar?year=${option}`}
            aria-current={option === year ? "page" : undefined}
            className={cn("rounded-xl px-3 py-2 text-sm font-medium", option === year ? "bg-brand-600 text-white" : "bg-white text-ink ring-1 ring-line hover:bg-brand-50")}
          >
            {option}
          </Link>
        ))}
        {year < CALENDAR_YEAR_RANGE.max && (
          <Link href={`/admin/calendar?year=${year + 1}`} aria-label="Следующий год" className="rounded-xl px-3 py-2 text-sm font-medium text-muted ring-1 ring-line hover:bg-brand-50">
            →
          </Link>
        )}
      </nav>

      <Card className="grid grid-cols-3 gap-3 text-center" data-testid="calendar-summary">
        <div>
          <p className="text-2xl font-semibold">{calendar.businessDays}</p>
          <p className="text-xs text-muted">рабочих дней в {year} году</p>
        </div>
        <div>
          <p className="text-2xl font-semibold">{calendar.holidays}</p>
          <p className="text-xs text-muted">выходных в будни</p>
        </div>
        <div>
          <p className="text-2xl font-semibold">{calendar.workingWeekendDays}</p>
          <p className="text-xs text-muted">рабочих суббот и воскресений</p>
        </div>
      </Card>

      <Card className="space-y-3">
        <CardTitle>{editing ? `Изменить ${formatDayMonth(editing.date)} ${year}` : "Добавить дату"}</CardTitle>
        <CalendarDayForm key={editing?.date ?? "new"} year={year} editing={editing ? { date: editing.date, kind: editing.kind, note: editing.note } : null} />
      </Card>

      {months.length === 0 ? (
        <Card>
          <p className="text-[15px] text-muted">В {year} году исключений нет: выходными считаются только субботы и воскресенья.</p>
        </Card>
      ) : (
        months.map((month) => (
          <Card key={month.name} className="space-y-2" data-testid="calendar-month">
            <CardTitle>{month.name}</CardTitle>
            <ul className="divide-y divide-line">
              {month.days.map((day) => (
                <li key={day.date} className={cn("flex flex-wrap items-start justify-between gap-2 py-3", day.date === editing?.date && "bg-brand-50/60")} data-testid={`calendar-day-${day.date}`}>
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">
                        {formatDayMonth(day.date)}, {formatWeekdayShort(day.date)}
                      </span>
                      <Badge tone={day.kind === "HOLIDAY" ? "brand" : "warning"}>{CALENDAR_DAY_KIND_LABEL[day.kind]}</Badge>
                      {day.onWeekend && <span className="text-xs text-muted">выпадает на выходной — на сроки не влияет</span>}
                    </p>
                    {day.note && <p className="text-sm text-ink">{day.note}</p>}
                    {day.updatedBy && (
                      <p className="text-xs text-muted">
                        Изменил(а) {day.updatedBy}, {formatDateTime(day.updatedAt)}
                      </p>
                    )}
                  </div>
                  <div className="flex items-center gap-1">
                    <Link href={`/admin/calendar?year=${year}&edit=${day.date}`} className="inline-flex h-9 items-center rounded-xl px-3 text-sm font-medium text-brand-700 hover:bg-brand-50">
                      Изменить
                    </Link>
                    <RemoveCalendarDayButton date={day.date} />
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
    </div>
  );
}
