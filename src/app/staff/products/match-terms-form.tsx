"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormStatus } from "@/components/ui/form-status";
import { Textarea } from "@/components/ui/textarea";
import { checkProductMatchSpec } from "@/lib/rules/receipt-line-match";
import { setProductMatchTermsAction } from "./actions";

const lines = (text: string) => text.split("\n");

/** How receipts write one product: its match terms and GTINs, one per line (docs/rules/auto-moderation.md). */
export function MatchTermsForm({ productId, productName, initial }: { productId: number; productName: string; initial: { matchTerms: string[]; gtins: string[] } }) {
  const router = useRouter();
  const [terms, setTerms] = useState(initial.matchTerms.join("\n"));
  const [gtins, setGtins] = useState(initial.gtins.join("\n"));
  const { pending, error, fieldErrors, done, setDone, run, refuse, clearFieldError, formRef } = useServerAction({ fields: ["matchTerms", "gtins"] });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkProductMatchSpec({ matchTerms: lines(terms), gtins: lines(gtins) });
    if (Object.keys(checked.fieldErrors).length > 0) {
      refuse({ fieldErrors: checked.fieldErrors });
      return;
    }
    const result = await run(() => setProductMatchTermsAction({ productId, matchTerms: checked.matchTerms, gtins: checked.gtins }), "Не удалось сохранить. Попробуйте ещё раз.");
    if (!result) return;
    setDone(result.data.changed ? "Сохранено: чеки с этими строками узнают продукт." : "Ничего не изменилось.");
    setTerms(checked.matchTerms.join("\n"));
    setGtins(checked.gtins.join("\n"));
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" data-testid={`match-terms-form-${productId}`} aria-label={`Как продукт пишут в чеках: ${productName}`}>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field id={`terms-${productId}`} label="Как пишут в чеках" hint="По одному на строку: бренд и название, сокращения можно («CARELY СЫВ.НИАЦИН»). Цифры сравниваются точно." error={fieldErrors.matchTerms}>
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              value={terms}
              onChange={(event) => {
                setTerms(event.target.value);
                clearFieldError("matchTerms");
              }}
              spellCheck={false}
            />
          )}
        </Field>
        <Field id={`gtins-${productId}`} label="Коды GTIN / EAN" hint="По одному на строку, 8–14 цифр." error={fieldErrors.gtins}>
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              inputMode="numeric"
              value={gtins}
              onChange={(event) => {
                setGtins(event.target.value);
                clearFieldError("gtins");
              }}
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <PendingButton type="submit" size="sm" pending={pending} pendingText="Сохраняем…">
        Сохранить написания
      </PendingButton>
      <FormStatus error={error} done={done} />
    </form>
  );
}
