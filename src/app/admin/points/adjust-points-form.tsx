"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatPoints, formatSignedPoints } from "@/lib/format";
import { adjustPointsAction } from "./actions";
import { ADJUSTMENT_REASON_LENGTH } from "@/lib/rules/points-adjustment";

/**
 * Points (signed) and the reason the shopper will read. The idempotency key is made when the form opens
 * and kept until a success, so a double click or a retry after a lost response adjusts once.
 */
export function AdjustPointsForm({ customerId, balance }: { customerId: number; balance: number }) {
  const router = useRouter();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction({ fields: ["amount", "reason"] });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const amount = String(form.get("amount") ?? "");
    const result = await run(() => adjustPointsAction({ customerId, amount, reason: String(form.get("reason") ?? ""), idempotencyKey }), "Не удалось сохранить корректировку. Попробуйте ещё раз.");
    if (!result) return;
    formElement.reset();
    setIdempotencyKey(crypto.randomUUID());
    setDone(`Готово: ${formatSignedPoints(Number(amount.replace(/[\s\u00a0]/g, "").replace(/[−–]/g, "-")))}, на счёте теперь ${formatPoints(result.data.balanceAfter)}.`);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="adjust-form">
      <Field id="adjust-amount" label="Баллы" hint={`Положительное число начисляет, отрицательное списывает. Сейчас на счёте ${formatPoints(balance)}.`} error={fieldErrors.amount}>
        {(control) => <Input {...control} name="amount" inputMode="numeric" autoComplete="off" placeholder="50 или -50" required className="max-w-48" />}
      </Field>
      <Field id="adjust-reason" label="Причина для участника" error={fieldErrors.reason}>
        {(control) => <Textarea {...control} name="reason" rows={2} maxLength={ADJUSTMENT_REASON_LENGTH.max} required />}
      </Field>
      <FormStatus error={error} done={done} />
      <PendingButton type="submit" pending={pending} pendingText="Сохраняем…">
        Провести корректировку
      </PendingButton>
    </form>
  );
}
