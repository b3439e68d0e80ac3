"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useReducer, useRef, useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { PickupPointPicker } from "@/components/pickup-points/pickup-point-picker";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { FormStatus } from "@/components/ui/form-status";
import { orderNeedsSpendConfirmation } from "@/lib/rules/prize-order";
import { placePrizeOrderAction } from "../actions";
import { CarrierChoice, DigitalDeliveryField, RecipientFields } from "./order-delivery-fields";
import {
  ORDER_FIELDS,
  type OrderFormPrefill,
  type OrderFormText,
  type OrderedPrize,
  initialOrderFormState,
  orderFormErrors,
  orderFormReducer,
  orderInput,
  withPickupPointError,
} from "./order-form-state";

const NETWORK_ERROR = "Не удалось оформить заказ. Проверьте интернет и попробуйте ещё раз — всё введённое сохранено.";

/**
 * The order form on a prize's page: where to deliver (a physical prize: recipient, phone, carrier and
 * pickup point; a digital one: the email for the code). What was typed survives a refusal; the button is
 * disabled while the order is being placed, and one key per form makes a double submit place one order.
 */
export function OrderForm({
  prize,
  balance,
  costLabel,
  remainingLabel,
  prefill,
}: {
  prize: OrderedPrize;
  balance: number;
  costLabel: string;
  remainingLabel: string;
  prefill: OrderFormPrefill;
}) {
  const router = useRouter();
  const [state, dispatch] = useReducer(orderFormReducer, prefill, initialOrderFormState);
  const { pending, error, fieldErrors, run, refuse, clearFieldError, formRef } = useServerAction({ fields: ORDER_FIELDS[prize.kind] });
  // One key for everything this form submits: a retry after a lost response returns the order already placed.
  const idempotencyKey = useRef<string | null>(null);
  // A big spend is asked about once before it is placed; any edit to the order asks again.
  const [confirmingSpend, setConfirmingSpend] = useState(false);

  function edit(field: OrderFormText, value: string) {
    setConfirmingSpend(false);
    dispatch({ type: "edit", field, value });
    clearFieldError(field);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const errors = orderFormErrors(prize.kind, state);
    idempotencyKey.current ??= crypto.randomUUID();
    const input = orderInput(prize, state, idempotencyKey.current);
    if (Object.keys(errors).length > 0 || !input) {
      refuse({ fieldErrors: errors });
      return;
    }
    if (orderNeedsSpendConfirmation(prize.pointsPrice, balance) && !confirmingSpend) {
      setConfirmingSpend(true);
      return;
    }
    const placed = await run(
      async () => {
        const result = await placePrizeOrderAction(input);
        return result.ok ? result : { ...result, fieldErrors: withPickupPointError(result.fieldErrors) };
      },
      NETWORK_ERROR,
      {
        // The order page is opening: the button stays disabled until it has.
        keepPendingOnSuccess: true,
        // Balance or stock changed under the page: show the current figures (the form keeps its input).
        onFailure: (failure) => {
          if (failure.code === "CONFLICT") router.refresh();
        },
      },
    );
    if (placed) router.push(`/cabinet/orders/${placed.data.id}?placed=1`);
  }

  return (
    <Card>
      <CardTitle>Оформление заказа</CardTitle>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4" data-testid="order-form">
        <fieldset disabled={pending} className="space-y-5">
          {prize.kind === "PHYSICAL" ? (
            <>
              <RecipientFields name={state.recipientName} phone={state.recipientPhone} errors={fieldErrors} onEdit={edit} />
              <CarrierChoice
                carrier={state.carrier}
                error={fieldErrors.carrier}
                onChoose={(carrier) => {
                  setConfirmingSpend(false);
                  dispatch({ type: "chooseCarrier", carrier });
                  clearFieldError("carrier");
                }}
              />
              {state.carrier && (
                <PickupPointPicker
                  carrier={state.carrier}
                  value={state.pickupPoint}
                  onChange={(point) => {
                    setConfirmingSpend(false);
                    dispatch({ type: "choosePickupPoint", point });
                    clearFieldError("pickupPoint");
                  }}
                  error={fieldErrors.pickupPoint}
                />
              )}
            </>
          ) : (
            <DigitalDeliveryField email={state.deliveryEmail} error={fieldErrors.deliveryEmail} onEdit={edit} />
          )}

          <p className="text-sm text-muted" data-testid="order-summary">
            Спишем {costLabel}, на счёте останется {remainingLabel}.
          </p>
          <FormStatus error={error} />
          {confirmingSpend ? (
            <div className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200" role="alert" data-testid="spend-confirmation">
              <p className="text-[15px] text-amber-950">
                Заказ спишет больше половины ваших баллов: {costLabel}, останется {remainingLabel}. Оформить?
              </p>
              <div className="flex flex-col gap-2 sm:flex-row">
                <PendingButton type="submit" size="lg" className="sm:flex-1" pending={pending} pendingText="Оформляем…" data-testid="confirm-spend">
                  Да, заказать
                </PendingButton>
                <Button type="button" size="lg" variant="secondary" className="sm:flex-1" onClick={() => setConfirmingSpend(false)}>
                  Подумаю ещё
                </Button>
              </div>
            </div>
          ) : (
            <PendingButton type="submit" size="lg" pending={pending} pendingText="Оформляем…" data-testid="place-order">
              {`Заказать за ${costLabel}`}
            </PendingButton>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
