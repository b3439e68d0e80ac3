"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { SHOP_LINK_LIMITS, type ShopLinkRow, checkShopLinks } from "@/lib/rules/product-shop-links";
import { setProductShopLinksAction } from "./actions";

const EMPTY_ROW: ShopLinkRow = { shopName: "", url: "" };

/** The shops selling one product, as rows of a name and a link; an empty row is ignored, so one is always offered. */
export function ShopLinksForm({ productId, productName, initial }: { productId: number; productName: string; initial: ShopLinkRow[] }) {
  const router = useRouter();
  const [rows, setRows] = useState<ShopLinkRow[]>(initial.length > 0 ? initial : [EMPTY_ROW]);
  const { pending, error, fieldErrors, done, setDone, run, refuse, clearFieldError, formRef } = useServerAction();

  function change(index: number, field: keyof ShopLinkRow, value: string) {
    setRows((current) => current.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
    clearFieldError(`links.${index}.${field}`);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkShopLinks(rows);
    if (Object.keys(checked.fieldErrors).length > 0) {
      refuse({ error: checked.fieldErrors.form ?? null, fieldErrors: checked.fieldErrors });
      return;
    }
    const result = await run(() => setProductShopLinksAction({ productId, links: rows }), "Не удалось сохранить магазины. Попробуйте ещё раз.");
    if (!result) return;
    setDone(!result.data.changed ? "Ничего не изменилось." : result.data.count === 0 ? "Магазины убраны: продукта нет в «Где купить»." : "Сохранено: магазины показаны на главной странице.");
    setRows(checked.links.length > 0 ? checked.links : [EMPTY_ROW]);
    router.refresh();
  }

  // Errors of the wrapper's own validation (a forged call) come keyed by the whole list.
  const formError = error && !Object.keys(fieldErrors).some((key) => key.startsWith("links.")) ? error : null;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" data-testid={`shop-links-form-${productId}`} aria-label={`Магазины: ${productName}`}>
      {rows.map((row, index) => (
        <div key={index} className="grid gap-2 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto] sm:items-start">
          <Field id={`shop-${productId}-${index}-name`} label={`Магазин ${index + 1}`} labelClassName="sr-only sm:not-sr-only" error={fieldErrors[`links.${index}.shopName`]}>
            {(control) => <Input {...control} value={row.shopName} onChange={(event) => change(index, "shopName", event.target.value)} placeholder="Ozon" maxLength={SHOP_LINK_LIMITS.shopNameMaxLength} className="h-11" />}
          </Field>
          <Field id={`shop-${productId}-${index}-url`} label={`Ссылка ${index + 1}`} labelClassName="sr-only sm:not-sr-only" error={fieldErrors[`links.${index}.url`]}>
            {(control) => <Input {...control} type="url" inputMode="url" value={row.url} onChange={(event) => change(index, "url", event.target.value)} placeholder="https://www.ozon.ru/product/…" maxLength={SHOP_LINK_LIMITS.urlMaxLength} className="h-11" />}
          </Field>
          <Button type="button" variant="ghost" size="sm" className="h-11 sm:mt-7" onClick={() => setRows((current) => (current.length === 1 ? [EMPTY_ROW] : current.filter((_, at) => at !== index)))}>
            Убрать
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" size="sm" disabled={rows.length >= SHOP_LINK_LIMITS.maxLinks} onClick={() => setRows((current) => [...current, EMPTY_ROW])}>
          Добавить магазин
        </Button>
        <PendingButton type="submit" size="sm" pending={pending} pendingText="Сохраняем…">
          Сохранить магазины
        </PendingButton>
      </div>
      <FormStatus error={formError} done={done} />
    </form>
  );
}
