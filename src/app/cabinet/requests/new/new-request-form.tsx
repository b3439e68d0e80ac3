"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { ImagePicker, pickedFromUploaded } from "@/components/uploads/image-picker";
import { useSendAfterUploads } from "@/components/uploads/use-send-after-uploads";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { businessDaysText } from "@/lib/format";
import { DUPLICATE_CONFIRMATION_TEXT } from "@/lib/request-duplicates";
import { checkRequestDuplicatesAction, fileRequestAction } from "../actions";
import { DuplicateNote } from "./duplicate-warning";
import {
  type ImagesUpdate,
  NEW_REQUEST_FIELDS,
  askingAboutDuplicates,
  type NewRequestDraft,
  draftOf,
  duplicateCheckInput,
  duplicateWarnings,
  initialNewRequestState,
  needsDuplicateConfirmation,
  newRequestErrors,
  newRequestInput,
  newRequestReducer,
  type NewRequestState,
} from "./new-request-state";
import { ReceiptField } from "./receipt-field";

const DRAFT_KEY = "carely:new-request-draft";
/** How long the form waits after the last change before asking about repeats (typing a link). */
const DUPLICATE_CHECK_DELAY_MS = 400;
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
  const { pending, error, fieldErrors, run, refuse, clear, clearFieldError, formRef } = useServerAction({ fields: NEW_REQUEST_FIELDS });

  // What was entered survives a reload or a failed submit (kept in this tab's session storage). The server
  // cannot read that storage, so the server's HTML and the hydrating render show the empty form; the first
  // render in the browser after them takes the draft in, while rendering rather than in an effect.
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  if (inBrowser && !state.restored) dispatch({ type: "restore", draft: loadDraft(), newIdempotencyKey: crypto.randomUUID(), picked: pickedFromUploaded });

  const draft = state.restored ? JSON.stringify(draftOf(state)) : null;
  useEffect(() => {
    if (draft) sessionStorage.setItem(DRAFT_KEY, draft);
  }, [draft]);

  // Repeats are looked for as the link, each screenshot and the receipt become known. A failed check
  // shows nothing: the moderator is told of repeats at filing all the same.
  const checkInput = state.restored ? duplicateCheckInput(state) : null;
  const checkKey = checkInput ? JSON.stringify(checkInput) : null;
  // The input the latest answer was for: a send of anything else asks first (see send()).
  const answeredCheckKey = useRef<string | null>(null);
  // A send in progress, from its own check for repeats to the filing: a second tap waits for it.
  const sending = useRef(false);
  const [checkingBeforeSend, setCheckingBeforeSend] = useState(false);
  useEffect(() => {
    if (!checkKey) return;
    let current = true;
    const timer = setTimeout(() => {
      void checkRequestDuplicatesAction(JSON.parse(checkKey) as NonNullable<typeof checkInput>)
        .then((answer) => {
          if (!current || !answer.ok) return;
          answeredCheckKey.current = checkKey;
          dispatch({ type: "duplicatesChecked", duplicates: answer.data });
        })
        .catch(() => {});
    }, DUPLICATE_CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [checkKey]);
  const warnings = duplicateWarnings(state);
  const confirmingDuplicates = askingAboutDuplicates(state);

  // A change in a picker answers its error ("add a screenshot", "remove this receipt"): it goes away then.
  const updateScreenshots = useCallback((update: ImagesUpdate) => {
    dispatch({ type: "updateScreenshots", update });
    clearFieldError("screenshots");
  }, [clearFieldError]);
  const updateReceipt = useCallback((update: ImagesUpdate) => {
    dispatch({ type: "updateReceipt", update });
    clearFieldError("receipt");
  }, [clearFieldError]);
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
    // A known repeat still goes (the moderator decides), after the shopper has seen the question once.
    if (needsDuplicateConfirmation(state)) {
      dispatch({ type: "askAboutDuplicates" });
      return;
    }
    requestSend();
  }

  /**
   * The form as the check for repeats sees it now. When the latest answer is for other input (a photo that
   * finished uploading a moment ago, a send tapped within the check's delay), the check is asked here, so
   * a repeat never goes without the question. A failed check lets the send go: the moderator is told anyway.
   */
  async function withCurrentDuplicates(): Promise<NewRequestState> {
    const input = duplicateCheckInput(state);
    const key = input ? JSON.stringify(input) : null;
    if (!input || key === answeredCheckKey.current) return state;
    const answer = await checkRequestDuplicatesAction(input).catch(() => null);
    if (!answer?.ok) return state;
    answeredCheckKey.current = key;
    const event = { type: "duplicatesChecked", duplicates: answer.data } as const;
    dispatch(event);
    return newRequestReducer(state, event);
  }

  async function send() {
    if (pending || sending.current || !passesChecks(false)) return;
    sending.current = true;
    try {
      setCheckingBeforeSend(true);
      const checked = await withCurrentDuplicates();
      // Repeats found while the photos were still uploading are asked about too, once, before anything goes.
      if (needsDuplicateConfirmation(checked)) {
        dispatch({ type: "askAboutDuplicates" });
        return;
      }
      await fileAndOpen();
    } finally {
      setCheckingBeforeSend(false);
      sending.current = false;
    }
  }

  async function fileAndOpen() {
    // The request's page is opening: the button stays disabled until it has.
    const filed = await run(() => fileRequestAction(newRequestInput(state)), NETWORK_ERROR, { keepPendingOnSuccess: true });
    if (!filed) return;
    sessionStorage.removeItem(DRAFT_KEY);
    router.push(`/cabinet/requests/${filed.data.id}`);
  }

  const { waiting: waitingForUploads, requestSend } = useSendAfterUploads([...state.screenshots, ...state.receipt], () => void send());

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {/* Disabled until the page's script has taken the form over: a product picked before that would show
          in the page but not in the form's state, and the next render would quietly drop it. */}
      <fieldset disabled={!state.restored} className="min-w-0 space-y-6">
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
        {warnings.reviewUrl && <DuplicateNote warning={warnings.reviewUrl} />}

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
        {warnings.screenshots.map((warning) => (
          <DuplicateNote key={warning.imageId} warning={warning} />
        ))}

        <ReceiptField items={state.receipt} onChange={updateReceipt} scanning={state.scanning} onScanningChange={setScanning} receiptPoints={receiptPoints} error={fieldErrors.receipt}>
          {warnings.receipt && <DuplicateNote warning={warnings.receipt} />}
        </ReceiptField>

        <FormStatus error={error} />
        {confirmingDuplicates && (
          <p role="status" data-testid="duplicate-confirmation" className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
            {DUPLICATE_CONFIRMATION_TEXT}
          </p>
        )}
        <PendingButton type="submit" size="lg" pending={pending || checkingBeforeSend} pendingText="Отправляем…">
          {waitingForUploads ? "Отправим, когда загрузятся фото…" : confirmingDuplicates ? "Всё равно отправить" : "Отправить заявку"}
        </PendingButton>
        <p className="text-center text-xs text-muted">Заявку рассмотрят в течение {businessDaysText(moderationBusinessDays)}.</p>
      </fieldset>
    </form>
  );
}
