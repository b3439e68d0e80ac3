import type { PickedPickupPoint } from "@/components/pickup-points/pickup-point-picker";
import type { Carrier, PrizeKind } from "@/generated/prisma/enums";
import { formatPhoneAsTyped } from "@/lib/phone-format";

// What the order form holds (order-form.tsx), as a reducer with its checks, so that both can be tested alone.
// Pending, errors and the form's message are the shared action state's (src/components/forms/use-server-action.ts).

export interface OrderFormPrefill {
  recipientName: string;
  recipientPhone: string;
  carrier: Carrier | null;
  pickupPoint: PickedPickupPoint | null;
  deliveryEmail: string;
}

export type OrderFormState = OrderFormPrefill;

export type OrderFormText = "recipientName" | "recipientPhone" | "deliveryEmail";

export type OrderFormEvent =
  | { type: "edit"; field: OrderFormText; value: string }
  | { type: "chooseCarrier"; carrier: Carrier }
  | { type: "choosePickupPoint"; point: PickedPickupPoint | null };

export interface OrderedPrize {
  id: number;
  kind: PrizeKind;
  pointsPrice: number;
}

/** The fields each kind of prize shows, with their errors beside them. */
export const ORDER_FIELDS: Record<PrizeKind, readonly string[]> = {
  PHYSICAL: ["recipientName", "recipientPhone", "carrier", "pickupPoint"],
  DIGITAL: ["deliveryEmail"],
};

/** What the shopper gave last time, the phone written as the form shows it. */
export function initialOrderFormState(prefill: OrderFormPrefill): OrderFormState {
  return { ...prefill, recipientPhone: prefill.recipientPhone ? formatPhoneAsTyped(prefill.recipientPhone) : "" };
}

export function orderFormReducer(state: OrderFormState, event: OrderFormEvent): OrderFormState {
  switch (event.type) {
    case "edit":
      return { ...state, [event.field]: event.value };
    case "chooseCarrier":
      // Point codes belong to one carrier: a CDEK point is no Russian Post office.
      return event.carrier === state.carrier ? state : { ...state, carrier: event.carrier, pickupPoint: null };
    case "choosePickupPoint":
      return { ...state, pickupPoint: event.point };
  }
}

/** The form's own checks before anything is sent: field name → message. */
export function orderFormErrors(kind: PrizeKind, state: OrderFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  if (kind === "PHYSICAL") {
    if (state.recipientName.trim().length < 2) errors.recipientName = "Укажите имя и фамилию получателя — их спросят в пункте выдачи.";
    if (!state.recipientPhone.trim()) errors.recipientPhone = "Укажите телефон получателя.";
    if (!state.carrier) errors.carrier = "Выберите службу доставки: СДЭК или Почта России.";
    else if (!state.pickupPoint) errors.pickupPoint = "Выберите пункт выдачи.";
  } else if (!state.deliveryEmail.trim()) {
    errors.deliveryEmail = "Укажите email — на него придёт код приза.";
  }
  return errors;
}

/** What the order action is sent for this prize; null for a physical prize without a carrier (the checks refuse it first). */
export function orderInput(prize: OrderedPrize, state: OrderFormState, idempotencyKey: string) {
  const common = { prizeId: prize.id, idempotencyKey, expectedPointsPrice: prize.pointsPrice };
  if (prize.kind === "DIGITAL") return { kind: "DIGITAL" as const, ...common, deliveryEmail: state.deliveryEmail };
  if (!state.carrier) return null;
  return {
    kind: "PHYSICAL" as const,
    ...common,
    recipientName: state.recipientName,
    recipientPhone: state.recipientPhone,
    carrier: state.carrier,
    pickupPointCode: state.pickupPoint?.code ?? "",
  };
}

/** The server names the pickup point's field after the code it checked; the form shows it by the picker. */
export function withPickupPointError(fieldErrors: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fieldErrors?.pickupPointCode || fieldErrors.pickupPoint) return fieldErrors;
  return { ...fieldErrors, pickupPoint: fieldErrors.pickupPointCode };
}
