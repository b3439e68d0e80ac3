"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { formatCalendarDate, formatDayMonth } from "@/lib/calendar-labels";
import { CALENDAR_NOTE_MAX_LENGTH } from "@/lib/rules/calendar";
import { removeCalendarDayAction, setCalendarDayAction } from "./actions";

type Kind = "HOLIDAY" | "WORKING_DAY";

const pluralRules = new Intl.PluralRules("ru-RU");
const REQUESTS = { one: "заявки", few: "заявок", many: "заявок", other: "заявки" } as const;

function rescheduledText(count: number): string {
  if (count === 0) return "";
  const form = REQUESTS[pluralRules.select(count) as keyof typeof REQUESTS] ?? "заявок";
  return ` Сроки пересчитаны у ${count} ${form}.`;
}

/** Adds a date to the calendar's exceptions, or (with `editing`) changes one already listed. */
export function CalendarDayForm({ year, editing }: { year: number; editing: { date: string; kind: Kind; note: string | null } | null }) {
  const router = useRouter();
  const { pending, error, fieldErrors, done, setDone, run } = useServerAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const date = String(form.get("date") ?? "");
    const result = await run(() => setCalendarDayAction({ date, kind: String(form.get("kind") ?? "") as Kind, note: String(form.get("note") ?? "") }), "Не удалось сохранить. Попробуйте ещё раз.");
    if (!result) return;
    const { outcome, kind, rescheduled } = result.data;
    const what = `${formatCalendarDate(result.data.date)} — ${kind === "HOLIDAY" ? "выходной" : "рабочий день"}`;
    setDone(outcome === "UNCHANGED" ? "Изменений нет." : `${outcome === "CREATED" ? "Добавлено" : "Сохранено"}: ${what}.${rescheduledText(rescheduled)}`);
    // A new date in another year: show that year, where the date is now listed.
    const savedYear = Number(result.data.date.slice(0, 4));
    if (!editing) formElement.reset();
    if (savedYear !== year) router.push(`/admin/calendar?year=${savedYear}`);
    else router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="calendar-day-form">
      <div className="grid gap-4 sm:grid-cols-[11rem_1fr]">
        <div className="space-y-1.5">
          <label htmlFor="calendar-date" className="text-sm font-medium">
            Дата
          </label>
          <Input
            id="calendar-date"
            name="date"
            type="date"
            required
            defaultValue={editing?.date ?? ""}
            readOnly={Boolean(editing)}
            aria-invalid={Boolean(fieldErrors.date)}
            className="read-only:bg-canvas"
          />
          {fieldErrors.date && <p className="text-sm text-red-700">{fieldErrors.date}</p>}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="calendar-kind" className="text-sm font-medium">
            Тип дня
          </label>
          <select
            id="calendar-kind"
            name="kind"
            defaultValue={editing?.kind ?? "HOLIDAY"}
            aria-invalid={Boolean(fieldErrors.kind)}
            className="h-12 w-full rounded-xl border border-line bg-white px-3 text-base aria-[invalid=true]:border-red-500"
          >
            <option value="HOLIDAY">Выходной: праздник или перенесённый выходной (будний день)</option>
            <option value="WORKING_DAY">Рабочий день: перенесённый на субботу или воскресенье</option>
          </select>
          {fieldErrors.kind && <p className="text-sm text-red-700">{fieldErrors.kind}</p>}
        </div>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="calendar-note" className="text-sm font-medium">
          Примечание
        </label>
        <Input id="calendar-note" name="note" maxLength={CALENDAR_NOTE_MAX_LENGTH} defaultValue={editing?.note ?? ""} placeholder="Например: перенос выходного с 3 января" aria-invalid={Boolean(fieldErrors.note)} />
        {fieldErrors.note && <p className="text-sm text-red-700">{fieldErrors.note}</p>}
      </div>
      <FormStatus error={error} done={done} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Сохраняем…" : editing ? "Сохранить" : "Добавить"}
        </Button>
        {editing && (
          <Link href={`/admin/calendar?year=${year}`} className="inline-flex h-11 items-center rounded-xl px-4 text-[15px] font-medium text-ink hover:bg-brand-50">
            {done ? "Готово" : "Отмена"}
          </Link>
        )}
      </div>
    </form>
  );
}

/** Removes a date from the exceptions, after a second, explicit tap (no browser dialog on phones). */
export function RemoveCalendarDayButton({ date }: { date: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useServerAction();

  async function remove() {
    if (!(await run(() => removeCalendarDayAction({ date }), "Не удалось удалить. Попробуйте ещё раз."))) return;
    setConfirming(false);
    router.refresh();
  }

  if (!confirming) {
    return (
      <Button type="button" variant="ghost" size="sm" className="text-red-700" onClick={() => setConfirming(true)}>
        Удалить
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" size="sm" className="text-red-700" disabled={pending} onClick={() => void remove()}>
        {pending ? "Удаляем…" : `Да, удалить ${formatDayMonth(date)}`}
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
        Отмена
      </Button>
      {error && (
        <Alert tone="error" className="basis-full" data-testid="form-error">
          {error}
        </Alert>
      )}
    </div>
  );
}
