"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { PRIZE_LIMITS } from "@/lib/rules/prize-catalogue";
import { createPrizeAction, updatePrizeAction } from "./actions";

export interface PrizeFormValues {
  id: number;
  title: string;
  description: string | null;
  partnerName: string;
  kind: "PHYSICAL" | "DIGITAL";
  pointsPrice: number;
  stock: number;
  isActive: boolean;
  sortOrder: number;
  /** The kind cannot change once the prize has orders or codes. */
  kindLocked: boolean;
}

function FieldError({ message }: { message?: string }) {
  return message ? (
    <p className="text-sm text-red-700" data-testid="field-error">
      {message}
    </p>
  ) : null;
}

/** The prize's fields: creates a prize (then opens its page for pictures and codes), or edits one. */
export function PrizeForm({ prize }: { prize?: PrizeFormValues }) {
  const router = useRouter();
  const [kind, setKind] = useState<"PHYSICAL" | "DIGITAL">(prize?.kind ?? "PHYSICAL");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const fields = {
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
      partnerName: String(form.get("partnerName") ?? ""),
      kind,
      pointsPrice: form.get("pointsPrice"),
      stock: kind === "PHYSICAL" ? form.get("stock") : undefined,
      isActive: form.get("isActive") === "on",
      sortOrder: form.get("sortOrder"),
    };
    setPending(true);
    setError(null);
    setDone(null);
    setFieldErrors({});
    const result = await (prize ? updatePrizeAction({ ...fields, id: prize.id, stockSeen: prize.stock }) : createPrizeAction(fields)).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setError(result?.message ?? "Не удалось сохранить приз. Попробуйте ещё раз.");
      setFieldErrors(result?.fieldErrors ?? {});
      // A stock changed by orders meanwhile: show the current one.
      if (result?.code === "CONFLICT") router.refresh();
      return;
    }
    if (!prize && "id" in result.data) {
      router.push(`/staff/prizes/${result.data.id}`);
      return;
    }
    setDone("changed" in result.data && !result.data.changed ? "Изменений нет." : "Сохранено.");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="prize-form">
      <div className="space-y-1.5">
        <label htmlFor="prize-title" className="text-sm font-medium">
          Название
        </label>
        <Input id="prize-title" name="title" maxLength={PRIZE_LIMITS.titleMaxLength} required defaultValue={prize?.title ?? ""} aria-invalid={Boolean(fieldErrors.title)} data-testid="prize-title" />
        <FieldError message={fieldErrors.title} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="prize-description" className="text-sm font-medium">
          Описание <span className="font-normal text-muted">— для цифрового приза напишите, как воспользоваться кодом: это уйдёт в письме</span>
        </label>
        <textarea
          id="prize-description"
          name="description"
          rows={4}
          maxLength={PRIZE_LIMITS.descriptionMaxLength}
          defaultValue={prize?.description ?? ""}
          aria-invalid={Boolean(fieldErrors.description)}
          className="w-full rounded-xl border border-line bg-white p-3 text-base focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
        />
        <FieldError message={fieldErrors.description} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="prize-partner" className="text-sm font-medium">
            Партнёр
          </label>
          <Input id="prize-partner" name="partnerName" maxLength={PRIZE_LIMITS.partnerNameMaxLength} required defaultValue={prize?.partnerName ?? "Carely"} aria-invalid={Boolean(fieldErrors.partnerName)} />
          <FieldError message={fieldErrors.partnerName} />
        </div>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">Тип</legend>
          <div className="flex h-12 items-center gap-4">
            {(["PHYSICAL", "DIGITAL"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-2 text-[15px]">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  disabled={prize?.kindLocked}
                  onChange={() => setKind(value)}
                  data-testid={`prize-kind-${value.toLowerCase()}`}
                />
                {value === "PHYSICAL" ? "Физический" : "Цифровой (коды)"}
              </label>
            ))}
          </div>
          {prize?.kindLocked && <p className="text-xs text-muted">Тип не меняется: по призу уже есть заказы или коды.</p>}
          <FieldError message={fieldErrors.kind} />
        </fieldset>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="space-y-1.5">
          <label htmlFor="prize-price" className="text-sm font-medium">
            Цена, баллов
          </label>
          <Input
            id="prize-price"
            name="pointsPrice"
            inputMode="numeric"
            required
            defaultValue={prize?.pointsPrice ?? ""}
            aria-invalid={Boolean(fieldErrors.pointsPrice)}
            data-testid="prize-price"
          />
          <FieldError message={fieldErrors.pointsPrice} />
        </div>
        {kind === "PHYSICAL" ? (
          <div className="space-y-1.5">
            <label htmlFor="prize-stock" className="text-sm font-medium">
              Остаток, шт.
            </label>
            {/* Re-keyed on the server's stock: after orders changed it, the field shows the new value. */}
            <Input
              key={`stock-${prize?.stock ?? "new"}`}
              id="prize-stock"
              name="stock"
              inputMode="numeric"
              required
              defaultValue={prize ? prize.stock : ""}
              aria-invalid={Boolean(fieldErrors.stock)}
              data-testid="prize-stock"
            />
            <FieldError message={fieldErrors.stock} />
          </div>
        ) : (
          <div className="space-y-1.5 text-sm text-muted">
            <span className="font-medium text-ink">Остаток</span>
            <p>У цифрового приза остаток — это свободные коды. Загрузите их на странице приза.</p>
          </div>
        )}
        <div className="space-y-1.5">
          <label htmlFor="prize-sort" className="text-sm font-medium">
            Порядок в каталоге
          </label>
          <Input id="prize-sort" name="sortOrder" inputMode="numeric" defaultValue={prize?.sortOrder ?? 0} aria-invalid={Boolean(fieldErrors.sortOrder)} />
          <FieldError message={fieldErrors.sortOrder} />
        </div>
      </div>
      <label className="inline-flex items-center gap-2 text-[15px]">
        <input type="checkbox" name="isActive" defaultChecked={prize?.isActive ?? true} data-testid="prize-active" />
        Показывать в каталоге участникам
      </label>
      <FormStatus error={error} done={done} />
      <Button type="submit" disabled={pending} data-testid="prize-save">
        {pending ? "Сохраняем…" : prize ? "Сохранить" : "Создать приз"}
      </Button>
    </form>
  );
}
