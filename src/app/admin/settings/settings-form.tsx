"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { PROGRAMME_SETTING_LABEL } from "@/lib/admin-labels";
import { PROGRAMME_SETTING_LIMITS as LIMITS, type NumericProgrammeSetting } from "@/lib/rules/programme-settings-limits";
import { updateProgrammeSettingsAction } from "./actions";

type Field = "reviewPoints" | "receiptPoints" | "moderationBusinessDays" | "shippingDays" | "forfeitureMonths" | "maxScreenshots" | "smsPerHourCap" | "campaignStartsOn" | "campaignEndsOn";

const NUMBER_FIELDS: { name: NumericProgrammeSetting; label: string; hint: string; min: number; max: number }[] = [
  { name: "reviewPoints", label: "Баллы за отзыв", hint: "Начисляются, когда модератор одобряет отзыв.", ...LIMITS.reviewPoints },
  { name: "receiptPoints", label: "Баллы за чек", hint: "Начисляются, когда модератор одобряет чек.", ...LIMITS.receiptPoints },
  { name: "moderationBusinessDays", label: "Срок проверки заявки, рабочих дней", hint: "По производственному календарю; для новых заявок.", ...LIMITS.moderationBusinessDays },
  { name: "shippingDays", label: "Срок отправки приза, дней", hint: "Календарных дней с заказа; для новых заказов.", ...LIMITS.shippingDays },
  { name: "forfeitureMonths", label: "Баллы сгорают через, месяцев", hint: "Столько месяцев без заказа приза — и баланс сгорает.", ...LIMITS.forfeitureMonths },
  { name: "maxScreenshots", label: "Скриншотов отзыва в заявке, не больше", hint: "Сколько картинок участник может приложить к отзыву.", ...LIMITS.maxScreenshots },
  {
    name: "smsPerHourCap",
    label: "SMS с кодом входа в час, не больше",
    hint: "На весь портал, для входа с новых устройств: останавливает накрутку SMS. Участники со своих устройств входят всегда.",
    ...LIMITS.smsPerHourCap,
  },
];

/** Every programme setting in one form; saving sends them all, and the audit row keeps only what changed. */
export function SettingsForm({ initial }: { initial: Record<Field, string> }) {
  const router = useRouter();
  const { pending, error, fieldErrors, done, setDone, run } = useServerAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries((Object.keys(initial) as Field[]).map((name) => [name, String(form.get(name) ?? "")])) as Record<Field, string>;
    const result = await run(() => updateProgrammeSettingsAction(fields), "Не удалось сохранить настройки. Попробуйте ещё раз.");
    if (!result) return;
    const changed = result.data.changed.map((key) => PROGRAMME_SETTING_LABEL[key] ?? key);
    setDone(changed.length === 0 ? "Ничего не изменилось." : `Сохранено: ${changed.join(", ").toLowerCase()}.`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="settings-form">
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBER_FIELDS.map((field) => (
          <div key={field.name} className="space-y-1.5">
            <label htmlFor={`settings-${field.name}`} className="text-sm font-medium">
              {field.label}
            </label>
            <Input
              id={`settings-${field.name}`}
              name={field.name}
              type="number"
              inputMode="numeric"
              min={field.min}
              max={field.max}
              step={1}
              required
              defaultValue={initial[field.name]}
              aria-invalid={Boolean(fieldErrors[field.name])}
              aria-describedby={`settings-${field.name}-hint`}
            />
            <p id={`settings-${field.name}-hint`} className="text-xs text-muted">
              {field.hint}
            </p>
            {fieldErrors[field.name] && <p className="text-sm text-red-700">{fieldErrors[field.name]}</p>}
          </div>
        ))}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Период акции (по московскому времени)</legend>
        <p className="text-xs text-muted">Чеки с датой покупки вне периода баллов не приносят. Пустое поле — без ограничения; последний день входит в акцию целиком.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {(["campaignStartsOn", "campaignEndsOn"] as const).map((name) => (
            <div key={name} className="space-y-1.5">
              <label htmlFor={`settings-${name}`} className="text-sm font-medium">
                {name === "campaignStartsOn" ? "Первый день акции" : "Последний день акции"}
              </label>
              <Input id={`settings-${name}`} name={name} type="date" defaultValue={initial[name]} aria-invalid={Boolean(fieldErrors[name])} />
              {fieldErrors[name] && <p className="text-sm text-red-700">{fieldErrors[name]}</p>}
            </div>
          ))}
        </div>
      </fieldset>
      <FormStatus error={error} done={done} />
      <Button type="submit" disabled={pending}>
        {pending ? "Сохраняем…" : "Сохранить настройки"}
      </Button>
    </form>
  );
}
