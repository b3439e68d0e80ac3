"use client";

import { Field, FieldError } from "@/components/forms/field";
import { Input } from "@/components/ui/input";
import type { Carrier } from "@/generated/prisma/enums";
import { cn } from "@/lib/cn";
import { CARRIER_LABEL } from "@/lib/tracking";
import type { OrderFormText } from "./order-form-state";
import { RECIPIENT_NAME_LENGTH } from "@/lib/rules/prize-order";
import { EmailInput } from "@/components/ui/email-input";

// The order form's parts (order-form.tsx): who receives a physical prize, which carrier brings it, and where
// a digital prize's code goes. Each shows its fields' errors beside them.

const CARRIERS: Carrier[] = ["CDEK", "RUSSIAN_POST"];

type Edit = (field: OrderFormText, value: string) => void;

export function RecipientFields({ name, phone, errors, onEdit }: { name: string; phone: string; errors: Record<string, string>; onEdit: Edit }) {
  return (
    <>
      <Field id="recipientName" label="Имя и фамилия получателя" error={errors.recipientName}>
        {(control) => (
          <Input
            {...control}
            name="recipientName"
            autoComplete="name"
            placeholder="Анна Иванова"
            value={name}
            maxLength={RECIPIENT_NAME_LENGTH.max}
            onChange={(event) => onEdit("recipientName", event.target.value)}
          />
        )}
      </Field>

      <Field id="recipientPhone" label="Телефон получателя" hint="Служба доставки пришлёт SMS, когда посылка придёт." hideHintOnError error={errors.recipientPhone}>
        {(control) => (
          <Input
            {...control}
            name="recipientPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+7 912 345-67-89"
            value={phone}
            maxLength={32}
            onChange={(event) => onEdit("recipientPhone", event.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** CDEK or Russian Post, as two large tappable labels over visually hidden radios. */
export function CarrierChoice({ carrier, error, onChoose }: { carrier: Carrier | null; error?: string; onChoose: (carrier: Carrier) => void }) {
  return (
    <div className="space-y-1.5" role="radiogroup" aria-labelledby="carrier-label" aria-invalid={Boolean(error)}>
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
              error && "border-red-500",
            )}
          >
            <input
              type="radio"
              name="carrier"
              value={option}
              checked={carrier === option}
              onChange={() => onChoose(option)}
              className="sr-only"
              data-testid={`carrier-${option.toLowerCase()}`}
            />
            {CARRIER_LABEL[option]}
          </label>
        ))}
      </div>
      {error && <FieldError>{error}</FieldError>}
    </div>
  );
}

export function DigitalDeliveryField({ email, error, onEdit }: { email: string; error?: string; onEdit: Edit }) {
  return (
    <Field id="deliveryEmail" label="Email для кода" hint="Код придёт сюда, когда мы подтвердим заказ." hideHintOnError error={error}>
      {(control) => (
        <EmailInput
          {...control}
          name="deliveryEmail"
          value={email}
          onChange={(event) => onEdit("deliveryEmail", event.target.value)}
        />
      )}
    </Field>
  );
}
