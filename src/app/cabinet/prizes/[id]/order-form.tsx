"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useReducer, useRef } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { PickupPointPicker } from "@/components/pickup-points/pickup-point-picker";
import { Card, CardTitle } from "@/components/ui/card";
import { FormStatus } from "@/components/ui/form-status";
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
export function OrderForm({ prize, costLabel, remainingLabel, prefill }: { prize: OrderedPrize; costLabel: string; remainingLabel: string; prefill: OrderFormPrefill }) {
  const router = useRouter();
  const [state, dispatch] = useReducer(orderFormReducer, prefill, initialOrderFormState);
  const { pending, error, fieldErrors, run, refuse, clearFieldError, formRef } = useServerAction({ fields: ORDER_FIELDS[prize.kind] });
  // One key for everything this form submits: a retry after a lost response returns the order already placed.
  const idempotencyKey = useRef<string | null>(null);

  function edit(field: OrderFormText, value: string) {
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
                  dispatch({ type: "chooseCarrier", carrier });
                  clearFieldError("carrier");
                }}
              />
              {state.carrier && (
                <PickupPointPicker
                  carrier={state.carrier}
                  value={state.pickupPoint}
                  onChange={(point) => {
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
          <PendingButton type="submit" size="lg" pending={pending} pendingText="Оформляем…" data-testid="place-order">
            {`Заказать за ${costLabel}`}
          </PendingButton>
        </fieldset>
      </form>
    </Card>
  );
}
