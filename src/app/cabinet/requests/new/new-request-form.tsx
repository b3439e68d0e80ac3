"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useReducer, useSyncExternalStore } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { ImagePicker, pickedFromUploaded } from "@/components/uploads/image-picker";
import { useSendAfterUploads } from "@/components/uploads/use-send-after-uploads";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { businessDaysText } from "@/lib/format";
import { fileRequestAction } from "../actions";
import { type ImagesUpdate, NEW_REQUEST_FIELDS, type NewRequestDraft, draftOf, initialNewRequestState, newRequestErrors, newRequestInput, newRequestReducer } from "./new-request-state";
import { ReceiptField } from "./receipt-field";

const DRAFT_KEY = "carely:new-request-draft";
const NETWORK_ERROR = "Не удалось отправить заявку. Проверьте интернет и попробуйте ещё раз — всё введённое сохранено.";

/** For useSyncExternalStore: whether the page runs in the browser never changes, so nothing to listen to. */
const subscribeToNothing = () => () => {};

function loadDraft(): NewRequestDraft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as NewRequestDraft) : null;
  } catch {
    return null;
  }
}

export function NewRequestForm({
  products,
  maxScreenshots,
  receiptPoints,
  moderationBusinessDays,
}: {
  products: { id: number; name: string }[];
  maxScreenshots: number;
  receiptPoints: number;
  moderationBusinessDays: number;
}) {
  const router = useRouter();
  const [state, dispatch] = useReducer(newRequestReducer, initialNewRequestState);
  const { pending, error, fieldErrors, run, refuse, clear, formRef } = useServerAction({ fields: NEW_REQUEST_FIELDS });

  // What was entered survives a reload or a failed submit (kept in this tab's session storage). The server
  // cannot read that storage, so the server's HTML and the hydrating render show the empty form; the first
  // render in the browser after them takes the draft in, while rendering rather than in an effect.
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  if (inBrowser && !state.restored) dispatch({ type: "restore", draft: loadDraft(), newIdempotencyKey: crypto.randomUUID(), picked: pickedFromUploaded });

  const draft = state.restored ? JSON.stringify(draftOf(state)) : null;
  useEffect(() => {
    if (draft) sessionStorage.setItem(DRAFT_KEY, draft);
  }, [draft]);

  const updateScreenshots = useCallback((update: ImagesUpdate) => dispatch({ type: "updateScreenshots", update }), []);
  const updateReceipt = useCallback((update: ImagesUpdate) => dispatch({ type: "updateReceipt", update }), []);
  const setScanning = useCallback((open: boolean) => dispatch({ type: "scan", open }), []);

  /** The form's own checks, shown when they refuse; true when the input may be sent. */
  function passesChecks(uploadsPending: boolean): boolean {
    const errors = newRequestErrors(state, uploadsPending);
    if (Object.keys(errors).length === 0) {
      clear();
      return true;
    }
    refuse({ fieldErrors: errors, error: errors.form });
    return false;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending || !passesChecks(true)) return;
    requestSend();
  }

  async function send() {
    if (pending || !passesChecks(false)) return;
    // The request's page is opening: the button stays disabled until it has.
    const filed = await run(() => fileRequestAction(newRequestInput(state)), NETWORK_ERROR, { keepPendingOnSuccess: true });
    if (!filed) return;
    sessionStorage.removeItem(DRAFT_KEY);
    router.push(`/cabinet/requests/${filed.data.id}`);
  }

  const { waiting: waitingForUploads, requestSend } = useSendAfterUploads([...state.screenshots, ...state.receipt], () => void send());

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6">
      <Field id="productId" label="Продукт" error={fieldErrors.productId}>
        {(control) => (
          <Select {...control} value={state.productId} onChange={(event) => dispatch({ type: "edit", field: "productId", value: event.target.value })}>
            <option value="">Выберите продукт…</option>
            {products.map((product) => (
              <option key={product.id} value={product.id}>
                {product.name}
              </option>
            ))}
          </Select>
        )}
      </Field>

      <Field id="reviewUrl" label="Ссылка на отзыв" hint="IRecommend.ru, Ozon, Wildberries, Яндекс Маркет или другой магазин." error={fieldErrors.reviewUrl}>
        {(control) => (
          <Input
            {...control}
            type="url"
            inputMode="url"
            placeholder="https://irecommend.ru/content/…"
            value={state.reviewUrl}
            onChange={(event) => dispatch({ type: "edit", field: "reviewUrl", value: event.target.value })}
          />
        )}
      </Field>

      <ImagePicker
        kind="REVIEW_SCREENSHOT"
        max={maxScreenshots}
        items={state.screenshots}
        onChange={updateScreenshots}
        label="Скриншоты отзыва"
        hint={`От 1 до ${maxScreenshots}: чтобы были видны текст отзыва, оценка и ваше имя.`}
        error={fieldErrors.screenshots}
        testId="screenshots"
      />

      <ReceiptField items={state.receipt} onChange={updateReceipt} scanning={state.scanning} onScanningChange={setScanning} receiptPoints={receiptPoints} error={fieldErrors.receipt} />

      <FormStatus error={error} />
      <PendingButton type="submit" size="lg" pending={pending} pendingText="Отправляем…">
        {waitingForUploads ? "Отправим, когда загрузятся фото…" : "Отправить заявку"}
      </PendingButton>
      <p className="text-center text-xs text-muted">Заявку рассмотрят в течение {businessDaysText(moderationBusinessDays)}.</p>
    </form>
  );
}
