"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatPoints } from "@/lib/format";
import { CARRIER_LABEL, validateTrackingNumber } from "@/lib/tracking";
import type { ActionResult } from "@/lib/action-result";
import { pluralRu } from "@/lib/plural-ru";
import { CANCEL_REASON_LENGTH } from "@/lib/rules/order-cancellation";
import { approveOrderAction, cancelOrderAction, markOrderDeliveredAction, shipOrderAction } from "./actions";

type Carrier = keyof typeof CARRIER_LABEL;

/** Runs one transition: one request at a time, the server's message on failure, a fresh page on success. */
function useOrderAction(fields: readonly string[] = []) {
  const router = useRouter();
  const action = useServerAction({ fields });
  async function run(call: () => Promise<ActionResult<{ changed: boolean }>>, fallback: string): Promise<boolean> {
    if (!(await action.run(call, fallback))) return false;
    router.refresh();
    return true;
  }
  return { pending: action.pending, error: action.error, fieldErrors: action.fieldErrors, refuse: action.refuse, formRef: action.formRef, run };
}

/** NEW → APPROVED. For a digital prize this sends the code, so the button says so. */
export function ApproveButton({ orderId, digital, compact = false }: { orderId: number; digital: boolean; compact?: boolean }) {
  const { pending, error, run } = useOrderAction();
  return (
    <div className="space-y-2">
      <PendingButton
        type="button"
        size={compact ? "sm" : "md"}
        pending={pending}
        pendingText="Подтверждаем…"
        onClick={() => void run(() => approveOrderAction({ orderId }), "Не удалось подтвердить заказ. Попробуйте ещё раз.")}
        data-testid="approve-order"
      >
        {digital ? "Подтвердить и отправить код" : "Подтвердить"}
      </PendingButton>
      <FormStatus error={error} />
    </div>
  );
}

/** APPROVED → SHIPPED: the carrier the shopper chose and the tracking number, checked here as on the server. */
export function ShipForm({ orderId, carrier }: { orderId: number; carrier: Carrier }) {
  const { pending, error, fieldErrors, refuse, formRef, run } = useOrderAction(["trackingNumber"]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trackingNumber = String(new FormData(event.currentTarget).get("trackingNumber") ?? "");
    // The same rule as the server's (src/lib/tracking.ts): a typo is caught before the round trip.
    const check = validateTrackingNumber(carrier, trackingNumber);
    if (!check.ok) {
      refuse({ fieldErrors: { trackingNumber: check.message } });
      return;
    }
    await run(() => shipOrderAction({ orderId, carrier, trackingNumber }), "Не удалось сохранить отправку. Попробуйте ещё раз.");
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" data-testid="ship-form">
      <p className="text-sm">
        Служба доставки: <span className="font-medium">{CARRIER_LABEL[carrier]}</span>
      </p>
      <Field id={`tracking-${orderId}`} label="Трек-номер" error={fieldErrors.trackingNumber}>
        {(control) => (
          <Input
            {...control}
            name="trackingNumber"
            autoComplete="off"
            spellCheck={false}
            placeholder={carrier === "CDEK" ? "1234567890" : "12345678901234 или AA123456785RU"}
            data-testid="tracking-input"
          />
        )}
      </Field>
      <FormStatus error={error} />
      <PendingButton type="submit" pending={pending} pendingText="Сохраняем…" data-testid="ship-order">
        Отправлено
      </PendingButton>
    </form>
  );
}

/** SHIPPED → DELIVERED. */
export function DeliveredButton({ orderId }: { orderId: number }) {
  const { pending, error, run } = useOrderAction();
  return (
    <div className="space-y-2">
      <PendingButton
        type="button"
        variant="secondary"
        pending={pending}
        pendingText="Сохраняем…"
        onClick={() => void run(() => markOrderDeliveredAction({ orderId }), "Не удалось отметить доставку. Попробуйте ещё раз.")}
        data-testid="deliver-order"
      >
        Доставлен
      </PendingButton>
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
      <Textarea id={`cancel-${orderId}`} name="reason" rows={2} maxLength={CANCEL_REASON_LENGTH.max} aria-invalid={Boolean(fieldErrors.reason)} className="text-sm" data-testid="cancel-reason" />
      <p className="text-xs text-muted">
        Участнику вернутся {formatPoints(pointsSpent)} {pluralRu(pointsSpent, ["балл", "балла", "баллов"])}, приз вернётся в остаток (неотправленный код — в свободные).
      </p>
      <FormStatus error={error} />
      <div className="flex gap-2">
        <PendingButton type="submit" className="bg-red-600 hover:bg-red-700" pending={pending} pendingText="Отменяем…" data-testid="cancel-order">
          Отменить заказ
        </PendingButton>
        <Button type="button" variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
          Не отменять
        </Button>
      </div>
    </form>
  );
}
