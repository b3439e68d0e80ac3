"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { formatPoints } from "@/lib/format";
import { CARRIER_LABEL, validateTrackingNumber } from "@/lib/tracking";
import type { ActionResult } from "@/lib/action-result";
import { pluralRu } from "@/lib/plural-ru";
import { CANCEL_REASON_LENGTH } from "@/lib/rules/order-cancellation";
import { approveOrderAction, cancelOrderAction, markOrderDeliveredAction, shipOrderAction } from "./actions";

type Carrier = keyof typeof CARRIER_LABEL;

/** Runs one transition: one request at a time, the server's message on failure, a fresh page on success. */
function useOrderAction() {
  const router = useRouter();
  const action = useServerAction();
  async function run(call: () => Promise<ActionResult<{ changed: boolean }>>, fallback: string): Promise<boolean> {
    if (!(await action.run(call, fallback))) return false;
    router.refresh();
    return true;
  }
  return { pending: action.pending, error: action.error, fieldErrors: action.fieldErrors, setError: action.setError, run };
}

/** NEW → APPROVED. For a digital prize this sends the code, so the button says so. */
export function ApproveButton({ orderId, digital, compact = false }: { orderId: number; digital: boolean; compact?: boolean }) {
  const { pending, error, run } = useOrderAction();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        size={compact ? "sm" : "md"}
        disabled={pending}
        onClick={() => void run(() => approveOrderAction({ orderId }), "Не удалось подтвердить заказ. Попробуйте ещё раз.")}
        data-testid="approve-order"
      >
        {pending ? "Подтверждаем…" : digital ? "Подтвердить и отправить код" : "Подтвердить"}
      </Button>
      <FormStatus error={error} />
    </div>
  );
}

/** APPROVED → SHIPPED: the carrier the shopper chose and the tracking number, checked here as on the server. */
export function ShipForm({ orderId, carrier }: { orderId: number; carrier: Carrier }) {
  const { pending, error, fieldErrors, setError, run } = useOrderAction();
  const [localError, setLocalError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trackingNumber = String(new FormData(event.currentTarget).get("trackingNumber") ?? "");
    // The same rule as the server's (src/lib/tracking.ts): a typo is caught before the round trip.
    const check = validateTrackingNumber(carrier, trackingNumber);
    if (!check.ok) {
      setLocalError(check.message);
      setError(null);
      return;
    }
    setLocalError(null);
    await run(() => shipOrderAction({ orderId, carrier, trackingNumber }), "Не удалось сохранить отправку. Попробуйте ещё раз.");
  }

  const trackingError = localError ?? fieldErrors.trackingNumber;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="ship-form">
      <p className="text-sm">
        Служба доставки: <span className="font-medium">{CARRIER_LABEL[carrier]}</span>
      </p>
      <div className="space-y-1.5">
        <label htmlFor={`tracking-${orderId}`} className="text-sm font-medium">
          Трек-номер
        </label>
        <Input
          id={`tracking-${orderId}`}
          name="trackingNumber"
          autoComplete="off"
          spellCheck={false}
          placeholder={carrier === "CDEK" ? "1234567890" : "12345678901234 или AA123456785RU"}
          aria-invalid={Boolean(trackingError)}
          aria-describedby={trackingError ? `tracking-${orderId}-error` : undefined}
          data-testid="tracking-input"
        />
        {trackingError && (
          <p id={`tracking-${orderId}-error`} className="text-sm text-red-700" data-testid="field-error">
            {trackingError}
          </p>
        )}
      </div>
      {!trackingError && <FormStatus error={error} />}
      <Button type="submit" disabled={pending} data-testid="ship-order">
        {pending ? "Сохраняем…" : "Отправлено"}
      </Button>
    </form>
  );
}

/** SHIPPED → DELIVERED. */
export function DeliveredButton({ orderId }: { orderId: number }) {
  const { pending, error, run } = useOrderAction();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => void run(() => markOrderDeliveredAction({ orderId }), "Не удалось отметить доставку. Попробуйте ещё раз.")}
        data-testid="deliver-order"
      >
        {pending ? "Сохраняем…" : "Доставлен"}
      </Button>
      <FormStatus error={error} />
    </div>
  );
}

/** → CANCELLED with a reason the shopper reads; the points come back and the stock is restored. Asks first. */
export function CancelForm({ orderId, pointsSpent }: { orderId: number; pointsSpent: number }) {
  const { pending, error, fieldErrors, run } = useOrderAction();
  const [open, setOpen] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    await run(() => cancelOrderAction({ orderId, reason }), "Не удалось отменить заказ. Попробуйте ещё раз.");
  }

  if (!open) {
    return (
      <Button type="button" variant="ghost" className="text-red-700" onClick={() => setOpen(true)} data-testid="open-cancel-order">
        Отменить заказ…
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-xl bg-red-50/60 p-3" data-testid="cancel-form">
      <label htmlFor={`cancel-${orderId}`} className="text-sm font-medium">
        Причина отмены — участник увидит её в письме и в кабинете
      </label>
      <textarea
        id={`cancel-${orderId}`}
        name="reason"
        rows={2}
        maxLength={CANCEL_REASON_LENGTH.max}
        aria-invalid={Boolean(fieldErrors.reason)}
        className="w-full rounded-xl border border-line bg-white p-3 text-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
        data-testid="cancel-reason"
      />
      <p className="text-xs text-muted">
        Участнику вернутся {formatPoints(pointsSpent)} {pluralRu(pointsSpent, ["балл", "балла", "баллов"])}, приз вернётся в остаток (неотправленный код — в свободные).
      </p>
      <FormStatus error={error} />
      <div className="flex gap-2">
        <Button type="submit" className="bg-red-600 hover:bg-red-700" disabled={pending} data-testid="cancel-order">
          {pending ? "Отменяем…" : "Отменить заказ"}
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
          Не отменять
        </Button>
      </div>
    </form>
  );
}
