"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { type PickedPickupPoint, PickupPointPicker } from "@/components/pickup-points/pickup-point-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import type { Carrier, PrizeKind } from "@/generated/prisma/enums";
import { formatRussianPhone } from "@/lib/phone-format";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";
import { RECIPIENT_NAME_LENGTH } from "@/lib/rules/prize-order";
import { CARRIER_LABEL } from "@/lib/tracking";
import { cn } from "@/lib/cn";
import { placePrizeOrderAction } from "../actions";

const NETWORK_ERROR = "Не удалось оформить заказ. Проверьте интернет и попробуйте ещё раз — всё введённое сохранено.";
const CARRIERS: Carrier[] = ["CDEK", "RUSSIAN_POST"];

export interface OrderFormPrefill {
  recipientName: string;
  recipientPhone: string;
  carrier: Carrier | null;
  pickupPoint: PickedPickupPoint | null;
  deliveryEmail: string;
}

/**
 * The order form on a prize's page: where to deliver (a physical prize: recipient, phone, carrier and
 * pickup point; a digital one: the email for the code). What was typed survives a refusal; the button is
 * disabled while the order is being placed, and one key per form makes a double submit place one order.
 */
export function OrderForm({
  prize,
  costLabel,
  remainingLabel,
  prefill,
}: {
  prize: { id: number; kind: PrizeKind; pointsPrice: number };
  costLabel: string;
  remainingLabel: string;
  prefill: OrderFormPrefill;
}) {
  const router = useRouter();
  const [recipientName, setRecipientName] = useState(prefill.recipientName);
  const [recipientPhone, setRecipientPhone] = useState(prefill.recipientPhone ? formatRussianPhone(prefill.recipientPhone) : "");
  const [carrier, setCarrier] = useState<Carrier | null>(prefill.carrier);
  const [pickupPoint, setPickupPoint] = useState<PickedPickupPoint | null>(prefill.pickupPoint);
  const [deliveryEmail, setDeliveryEmail] = useState(prefill.deliveryEmail);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key for everything this form submits: a retry after a lost response returns the order already placed.
  const idempotencyKey = useRef<string | null>(null);

  function clearError(field: string) {
    setFieldErrors((errors) => {
      if (!(field in errors)) return errors;
      const rest = { ...errors };
      delete rest[field];
      return rest;
    });
  }

  function chooseCarrier(next: Carrier) {
    if (next === carrier) return;
    setCarrier(next);
    // Point codes belong to one carrier: a CDEK point is no Russian Post office.
    setPickupPoint(null);
    clearError("carrier");
  }

  function localErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (prize.kind === "PHYSICAL") {
      if (recipientName.trim().length < 2) errors.recipientName = "Укажите имя и фамилию получателя — их спросят в пункте выдачи.";
      if (!recipientPhone.trim()) errors.recipientPhone = "Укажите телефон получателя.";
      if (!carrier) errors.carrier = "Выберите службу доставки: СДЭК или Почта России.";
      else if (!pickupPoint) errors.pickupPoint = "Выберите пункт выдачи.";
    } else if (!deliveryEmail.trim()) {
      errors.deliveryEmail = "Укажите email — на него придёт код приза.";
    }
    return errors;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const errors = localErrors();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;

    // localErrors() has refused a physical order without a carrier; this says so to the compiler too.
    if (prize.kind === "PHYSICAL" && !carrier) return;

    setSubmitting(true);
    idempotencyKey.current ??= crypto.randomUUID();
    const input =
      prize.kind === "PHYSICAL" && carrier
        ? {
            kind: "PHYSICAL" as const,
            prizeId: prize.id,
            idempotencyKey: idempotencyKey.current,
            expectedPointsPrice: prize.pointsPrice,
            recipientName,
            recipientPhone,
            carrier,
            pickupPointCode: pickupPoint?.code ?? "",
          }
        : { kind: "DIGITAL" as const, prizeId: prize.id, idempotencyKey: idempotencyKey.current, expectedPointsPrice: prize.pointsPrice, deliveryEmail };
    try {
      const result = await placePrizeOrderAction(input);
      if (!result.ok) {
        const errors = { ...(result.fieldErrors ?? {}) };
        // The server names the pickup point's field after the code it checked.
        if (errors.pickupPointCode && !errors.pickupPoint) errors.pickupPoint = errors.pickupPointCode;
        setFieldErrors(errors);
        setFormError(result.message);
        setSubmitting(false);
        // Balance or stock changed under the page: show the current figures (the form keeps its input).
        if (result.code === "CONFLICT") router.refresh();
        return;
      }
      router.push(`/cabinet/orders/${result.data.id}?placed=1`);
    } catch {
      setFormError(NETWORK_ERROR);
      setSubmitting(false);
    }
  }

  return (
    <Card>
      <CardTitle>Оформление заказа</CardTitle>
      <form onSubmit={onSubmit} noValidate className="mt-4" data-testid="order-form">
        <fieldset disabled={submitting} className="space-y-5">
          {prize.kind === "PHYSICAL" ? (
            <>
              <div className="space-y-1.5">
                <label htmlFor="recipientName" className="text-sm font-medium">
                  Имя и фамилия получателя
                </label>
                <Input
                  id="recipientName"
                  name="recipientName"
                  autoComplete="name"
                  placeholder="Анна Иванова"
                  value={recipientName}
                  maxLength={RECIPIENT_NAME_LENGTH.max}
                  onChange={(event) => {
                    setRecipientName(event.target.value);
                    clearError("recipientName");
                  }}
                  aria-invalid={Boolean(fieldErrors.recipientName)}
                  aria-describedby={fieldErrors.recipientName ? "recipientName-error" : undefined}
                />
                {fieldErrors.recipientName && (
                  <p id="recipientName-error" className="text-sm text-red-700">
                    {fieldErrors.recipientName}
                  </p>
                )}
              </div>

              <div className="space-y-1.5">
                <label htmlFor="recipientPhone" className="text-sm font-medium">
                  Телефон получателя
                </label>
                <Input
                  id="recipientPhone"
                  name="recipientPhone"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  placeholder="+7 912 345-67-89"
                  value={recipientPhone}
                  maxLength={32}
                  onChange={(event) => {
                    setRecipientPhone(event.target.value);
                    clearError("recipientPhone");
                  }}
                  aria-invalid={Boolean(fieldErrors.recipientPhone)}
                  aria-describedby={fieldErrors.recipientPhone ? "recipientPhone-error" : "recipientPhone-hint"}
                />
                {fieldErrors.recipientPhone ? (
                  <p id="recipientPhone-error" className="text-sm text-red-700">
                    {fieldErrors.recipientPhone}
                  </p>
                ) : (
                  <p id="recipientPhone-hint" className="text-xs text-muted">
                    Служба доставки пришлёт SMS, когда посылка придёт.
                  </p>
                )}
              </div>

              <div className="space-y-1.5" role="radiogroup" aria-labelledby="carrier-label" aria-invalid={Boolean(fieldErrors.carrier)}>
                <p id="carrier-label" className="text-sm font-medium">
                  Служба доставки
                </p>
                <div className="grid grid-cols-2 gap-2">
                  {CARRIERS.map((option) => (
                    <label
                      key={option}
                      className={cn(
                        "flex h-12 cursor-pointer items-center justify-center rounded-xl border bg-white px-3 text-[15px] font-medium",
                        carrier === option ? "border-brand-500 bg-brand-50 text-brand-700 ring-2 ring-brand-200" : "border-line",
                        fieldErrors.carrier && "border-red-500",
                      )}
                    >
                      <input
                        type="radio"
                        name="carrier"
                        value={option}
                        checked={carrier === option}
                        onChange={() => chooseCarrier(option)}
                        className="sr-only"
                        data-testid={`carrier-${option.toLowerCase()}`}
                      />
                      {CARRIER_LABEL[option]}
                    </label>
                  ))}
                </div>
                {fieldErrors.carrier && <p className="text-sm text-red-700">{fieldErrors.carrier}</p>}
              </div>

              {carrier && (
                <PickupPointPicker
                  carrier={carrier}
                  value={pickupPoint}
                  onChange={(point) => {
                    setPickupPoint(point);
                    clearError("pickupPoint");
                  }}
                  error={fieldErrors.pickupPoint}
                />
              )}
            </>
          ) : (
            <div className="space-y-1.5">
              <label htmlFor="deliveryEmail" className="text-sm font-medium">
                Email для кода
              </label>
              <Input
                id="deliveryEmail"
                name="deliveryEmail"
                type="email"
                inputMode="email"
                autoComplete="email"
                placeholder="name@example.ru"
                value={deliveryEmail}
                maxLength={EMAIL_MAX_LENGTH}
                onChange={(event) => {
                  setDeliveryEmail(event.target.value);
                  clearError("deliveryEmail");
                }}
                aria-invalid={Boolean(fieldErrors.deliveryEmail)}
                aria-describedby={fieldErrors.deliveryEmail ? "deliveryEmail-error" : "deliveryEmail-hint"}
              />
              {fieldErrors.deliveryEmail ? (
                <p id="deliveryEmail-error" className="text-sm text-red-700">
                  {fieldErrors.deliveryEmail}
                </p>
              ) : (
                <p id="deliveryEmail-hint" className="text-xs text-muted">
                  Код придёт сюда, когда мы подтвердим заказ.
                </p>
              )}
            </div>
          )}

          <p className="text-sm text-muted" data-testid="order-summary">
            Спишем {costLabel}, на счёте останется {remainingLabel}.
          </p>
          {formError && (
            <Alert tone="error" data-testid="form-error">
              {formError}
            </Alert>
          )}
          <Button type="submit" size="lg" data-testid="place-order">
            {submitting ? "Оформляем…" : `Заказать за ${costLabel}`}
          </Button>
        </fieldset>
      </form>
    </Card>
  );
}
