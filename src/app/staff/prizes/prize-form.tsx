"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, FieldError } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { createPrizeAction, updatePrizeAction } from "./actions";
import { PRIZE_LIMITS } from "@/lib/rules/prize-catalogue";

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

const FIELDS = ["title", "description", "partnerName", "kind", "pointsPrice", "stock", "sortOrder"] as const;

/** The prize's fields: creates a prize (then opens its page for pictures and codes), or edits one. */
export function PrizeForm({ prize }: { prize?: PrizeFormValues }) {
  const router = useRouter();
  const [kind, setKind] = useState<"PHYSICAL" | "DIGITAL">(prize?.kind ?? "PHYSICAL");
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction({ fields: FIELDS });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
    const result = await run<{ id: number } | { changed: boolean }>(
      () => (prize ? updatePrizeAction({ ...fields, id: prize.id, stockSeen: prize.stock }) : createPrizeAction(fields)),
      "Не удалось сохранить приз. Попробуйте ещё раз.",
      {
        // A stock changed by orders meanwhile: show the current one.
        onFailure: (failure) => {
          if (failure.code === "CONFLICT") router.refresh();
        },
      },
    );
    if (!result) return;
    if (!prize && "id" in result.data) {
      router.push(`/staff/prizes/${result.data.id}`);
      return;
    }
    setDone("changed" in result.data && !result.data.changed ? "Изменений нет." : "Сохранено.");
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="prize-form">
      <Field id="prize-title" label="Название" error={fieldErrors.title}>
        {(control) => <Input {...control} name="title" maxLength={PRIZE_LIMITS.titleMaxLength} required defaultValue={prize?.title ?? ""} data-testid="prize-title" />}
      </Field>
      <Field
        id="prize-description"
        label={
          <>
            Описание <span className="font-normal text-muted">— для цифрового приза напишите, как воспользоваться кодом: это уйдёт в письме</span>
          </>
        }
        error={fieldErrors.description}
      >
        {(control) => <Textarea {...control} name="description" rows={4} maxLength={PRIZE_LIMITS.descriptionMaxLength} defaultValue={prize?.description ?? ""} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="prize-partner" label="Партнёр" error={fieldErrors.partnerName}>
          {(control) => <Input {...control} name="partnerName" maxLength={PRIZE_LIMITS.partnerNameMaxLength} required defaultValue={prize?.partnerName ?? "Carely"} />}
        </Field>
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
          {fieldErrors.kind && <FieldError>{fieldErrors.kind}</FieldError>}
        </fieldset>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="prize-price" label="Цена, баллов" error={fieldErrors.pointsPrice}>
          {(control) => <Input {...control} name="pointsPrice" inputMode="numeric" required defaultValue={prize?.pointsPrice ?? ""} data-testid="prize-price" />}
        </Field>
        {kind === "PHYSICAL" ? (
          // The input is re-keyed on the server's stock: after orders changed it, the field shows the new value.
          <Field id="prize-stock" label="Остаток, шт." error={fieldErrors.stock}>
            {(control) => <Input key={`stock-${prize?.stock ?? "new"}`} {...control} name="stock" inputMode="numeric" required defaultValue={prize ? prize.stock : ""} data-testid="prize-stock" />}
          </Field>
        ) : (
          <div className="space-y-1.5 text-sm text-muted">
            <span className="font-medium text-ink">Остаток</span>
            <p>У цифрового приза остаток — это свободные коды. Загрузите их на странице приза.</p>
          </div>
        )}
        <Field id="prize-sort" label="Порядок в каталоге" error={fieldErrors.sortOrder}>
          {(control) => <Input {...control} name="sortOrder" inputMode="numeric" defaultValue={prize?.sortOrder ?? 0} />}
        </Field>
      </div>
      <label className="inline-flex items-center gap-2 text-[15px]">
        <input type="checkbox" name="isActive" defaultChecked={prize?.isActive ?? true} data-testid="prize-active" />
        Показывать в каталоге участникам
      </label>
      <FormStatus error={error} done={done} />
      <PendingButton type="submit" pending={pending} pendingText="Сохраняем…" data-testid="prize-save">
        {prize ? "Сохранить" : "Создать приз"}
      </PendingButton>
    </form>
  );
}
