"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { formatPoints, formatSignedPoints } from "@/lib/format";
import { ADJUSTMENT_REASON_LENGTH } from "@/lib/rules/points-adjustment";
import { adjustPointsAction } from "./actions";

/**
 * Points (signed) and the reason the shopper will read. The idempotency key is made when the form opens
 * and kept until a success, so a double click or a retry after a lost response adjusts once.
 */
export function AdjustPointsForm({ customerId, balance }: { customerId: number; balance: number }) {
  const router = useRouter();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { pending, error, fieldErrors, done, setDone, run } = useServerAction();

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
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="adjust-form">
      <div className="space-y-1.5">
        <label htmlFor="adjust-amount" className="text-sm font-medium">
          Баллы
        </label>
        <Input id="adjust-amount" name="amount" inputMode="numeric" autoComplete="off" placeholder="50 или -50" required aria-invalid={Boolean(fieldErrors.amount)} aria-describedby="adjust-amount-hint" className="max-w-48" />
        <p id="adjust-amount-hint" className="text-xs text-muted">
          Положительное число начисляет, отрицательное списывает. Сейчас на счёте {formatPoints(balance)}.
        </p>
        {fieldErrors.amount && <p className="text-sm text-red-700">{fieldErrors.amount}</p>}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="adjust-reason" className="text-sm font-medium">
          Причина для участника
        </label>
        <textarea
          id="adjust-reason"
          name="reason"
          rows={2}
          maxLength={ADJUSTMENT_REASON_LENGTH.max}
          required
          aria-invalid={Boolean(fieldErrors.reason)}
          className="w-full rounded-xl border border-line bg-white p-3 text-base focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
        />
        {fieldErrors.reason && <p className="text-sm text-red-700">{fieldErrors.reason}</p>}
      </div>
      <FormStatus error={error} done={done} />
      <Button type="submit" disabled={pending}>
        {pending ? "Сохраняем…" : "Провести корректировку"}
      </Button>
    </form>
  );
}
