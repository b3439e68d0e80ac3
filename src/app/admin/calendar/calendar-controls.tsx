"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatCalendarDate, formatDayMonth } from "@/lib/calendar-labels";
import { removeCalendarDayAction, setCalendarDayAction } from "./actions";
import { CALENDAR_NOTE_MAX_LENGTH } from "@/lib/rules/calendar";

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
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction({ fields: ["date", "kind", "note"] });

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
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="calendar-day-form">
      <div className="grid gap-4 sm:grid-cols-[11rem_1fr]">
        <Field id="calendar-date" label="Дата" error={fieldErrors.date}>
          {(control) => <Input {...control} name="date" type="date" required defaultValue={editing?.date ?? ""} readOnly={Boolean(editing)} className="read-only:bg-canvas" />}
        </Field>
        <Field id="calendar-kind" label="Тип дня" error={fieldErrors.kind}>
          {(control) => (
            <Select {...control} name="kind" defaultValue={editing?.kind ?? "HOLIDAY"}>
              <option value="HOLIDAY">Выходной: праздник или перенесённый выходной (будний день)</option>
              <option value="WORKING_DAY">Рабочий день: перенесённый на субботу или воскресенье</option>
            </Select>
          )}
        </Field>
      </div>
      <Field id="calendar-note" label="Примечание" error={fieldErrors.note}>
        {(control) => <Input {...control} name="note" maxLength={CALENDAR_NOTE_MAX_LENGTH} defaultValue={editing?.note ?? ""} placeholder="Например: перенос выходного с 3 января" />}
      </Field>
      <FormStatus error={error} done={done} />
      <div className="flex flex-wrap gap-2">
        <PendingButton type="submit" pending={pending} pendingText="Сохраняем…">
          {editing ? "Сохранить" : "Добавить"}
        </PendingButton>
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
      <PendingButton type="button" variant="secondary" size="sm" className="text-red-700" pending={pending} pendingText="Удаляем…" onClick={() => void remove()}>
        {`Да, удалить ${formatDayMonth(date)}`}
      </PendingButton>
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
