"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { AUTOMATION_RULES, AUTOMATION_RULE_LABEL, type AutomationSwitches } from "@/lib/rules/automation-rules";
import { VELOCITY_REQUESTS_PER_DAY } from "@/lib/rules/risk-signals";
import type { AutomationSettingsView } from "@/server/domain/admin/get-automation-rules";
import { updateAutomationRulesAction } from "./actions";

/**
 * The automatic receipt rules, each switched on or off on its own, and the velocity signal's threshold;
 * saving sends them all, the audit row keeps what changed.
 */
export function AutomationRulesForm({ initial }: { initial: AutomationSettingsView }) {
  const router = useRouter();
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const switches = Object.fromEntries(AUTOMATION_RULES.map((rule) => [rule, form.get(rule) === "on"])) as AutomationSwitches;
    const velocityRequestsPerDay = String(form.get("velocityRequestsPerDay") ?? "");
    const result = await run(() => updateAutomationRulesAction({ ...switches, velocityRequestsPerDay }), "Не удалось сохранить правила. Попробуйте ещё раз.");
    if (!result) return;
    const changed = result.data.changed.map((key) =>
      key === "velocityRequestsPerDay" ? `сигнал скорости — больше ${velocityRequestsPerDay} в день` : `«${AUTOMATION_RULE_LABEL[key].title}» — ${switches[key] ? "включено" : "выключено"}`,
    );
    setDone(changed.length === 0 ? "Ничего не изменилось." : `Сохранено: ${changed.join("; ")}.`);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" data-testid="automation-rules-form">
      <ul className="space-y-2">
        {AUTOMATION_RULES.map((rule) => (
          <li key={rule}>
            <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl px-2 py-2 hover:bg-canvas">
              <input type="checkbox" name={rule} defaultChecked={initial.switches[rule]} className="mt-0.5 size-5 shrink-0 accent-brand-600" />
              <span>
                <span className="block text-sm font-medium">{AUTOMATION_RULE_LABEL[rule].title}</span>
                <span className="block text-xs text-muted">{AUTOMATION_RULE_LABEL[rule].description}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="px-2">
        <Field
          id="automation-velocity"
          label="Сигнал риска: заявок от одного участника за день больше"
          hint="Заявки дня, когда участник подал больше заявок, получают сигнал риска. Сигналы ничего не решают сами."
          error={fieldErrors.velocityRequestsPerDay}
        >
          {(control) => (
            <Input
              {...control}
              name="velocityRequestsPerDay"
              type="number"
              inputMode="numeric"
              min={VELOCITY_REQUESTS_PER_DAY.min}
              max={VELOCITY_REQUESTS_PER_DAY.max}
              step={1}
              required
              defaultValue={initial.velocityRequestsPerDay}
              className="w-32"
              data-testid="velocity-requests-per-day"
            />
          )}
        </Field>
      </div>
      <FormStatus error={error} done={done} />
      <PendingButton type="submit" pending={pending} pendingText="Сохраняем…">
        Сохранить правила
      </PendingButton>
    </form>
  );
}
