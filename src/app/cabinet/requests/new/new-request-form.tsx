"use client";

import { ScanLine } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { ImagePicker, type PickedImage, pickedFromUploaded } from "@/components/uploads/image-picker";
import { ReceiptScanner } from "@/components/uploads/receipt-scanner";
import { type UploadedImage, prepareImageForUpload, uploadImage } from "@/components/uploads/upload-image";
import { useSendAfterUploads } from "@/components/uploads/use-send-after-uploads";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { businessDaysText, formatDateTime, formatRoubles } from "@/lib/format";
import { fileRequestAction } from "../actions";

const DRAFT_KEY = "carely:new-request-draft";

interface Draft {
  productId: string;
  reviewUrl: string;
  screenshots: UploadedImage[];
  receipt: UploadedImage | null;
  idempotencyKey: string;
}

/** For useSyncExternalStore: whether the page runs in the browser never changes, so nothing to listen to. */
const subscribeToNothing = () => () => {};

function loadDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
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
  const [productId, setProductId] = useState("");
  const [reviewUrl, setReviewUrl] = useState("");
  const [screenshots, setScreenshots] = useState<PickedImage[]>([]);
  const [receipt, setReceipt] = useState<PickedImage[]>([]);
  const [scanning, setScanning] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [restored, setRestored] = useState(false);

  // What was entered survives a reload or a failed submit (kept in this tab's session storage). The server
  // cannot read that storage, so the server's HTML and the hydrating render show the empty form; the first
  // render in the browser after them takes the draft in, while rendering rather than in an effect.
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  if (inBrowser && !restored) {
    const draft = loadDraft();
    if (draft) {
      setProductId(draft.productId);
      setReviewUrl(draft.reviewUrl);
      setScreenshots(draft.screenshots.map(pickedFromUploaded));
      setReceipt(draft.receipt ? [pickedFromUploaded(draft.receipt)] : []);
      setIdempotencyKey(draft.idempotencyKey);
    } else {
      setIdempotencyKey(crypto.randomUUID());
    }
    setRestored(true);
  }

  useEffect(() => {
    if (!restored) return;
    const draft: Draft = {
      productId,
      reviewUrl,
      screenshots: screenshots.flatMap((item) => (item.uploaded ? [item.uploaded] : [])),
      receipt: receipt[0]?.uploaded ?? null,
      idempotencyKey,
    };
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [restored, productId, reviewUrl, screenshots, receipt, idempotencyKey]);

  const updateScreenshots = useCallback((update: (items: PickedImage[]) => PickedImage[]) => setScreenshots(update), []);
  const updateReceipt = useCallback((update: (items: PickedImage[]) => PickedImage[]) => setReceipt(update), []);

  const onScanned = useCallback((photo: File) => {
    setScanning(false);
    const key = `scan-${Date.now()}`;
    setReceipt([{ key, previewUrl: URL.createObjectURL(photo), status: "uploading", progress: 0, file: photo }]);
    void (async () => {
      try {
        const uploaded = await uploadImage(await prepareImageForUpload(photo), "RECEIPT_PHOTO", (progress) =>
          setReceipt((items) => items.map((item) => (item.key === key ? { ...item, progress } : item))),
        );
        setReceipt((items) => items.map((item) => (item.key === key ? { ...item, status: "done", progress: 1, uploaded } : item)));
      } catch (failure) {
        const message = failure instanceof Error ? failure.message : "Не удалось загрузить фото.";
        setReceipt((items) => items.map((item) => (item.key === key ? { ...item, status: "failed", error: message } : item)));
      }
    })();
  }, []);

  /** The form's own checks; with `uploadsPending`, photos still uploading count as there. */
  function validate(uploadsPending: boolean): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!productId) errors.productId = "Выберите продукт.";
    if (!reviewUrl.trim()) errors.reviewUrl = "Вставьте ссылку на ваш отзыв.";
    const expected = screenshots.filter((item) => item.status === "done" || (uploadsPending && item.status === "uploading"));
    if (expected.length === 0) errors.screenshots = "Добавьте хотя бы один скриншот отзыва.";
    if ([...screenshots, ...receipt].some((item) => item.status === "failed")) errors.form = "Некоторые фото не загрузились: повторите загрузку или уберите их.";
    setFieldErrors(errors);
    setFormError(errors.form ?? null);
    return errors;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (Object.keys(validate(true)).length > 0) return;
    requestSend();
  }

  async function send() {
    if (submitting) return;
    if (Object.keys(validate(false)).length > 0) return;
    const doneShots = screenshots.filter((item) => item.status === "done");
    setSubmitting(true);
    try {
      const result = await fileRequestAction({
        productId: Number(productId),
        reviewUrl,
        screenshotIds: doneShots.map((item) => item.uploaded!.id),
        receiptImageId: receipt[0]?.uploaded?.id ?? null,
        idempotencyKey,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setFormError(result.message);
        setSubmitting(false);
        return;
      }
      sessionStorage.removeItem(DRAFT_KEY);
      router.push(`/cabinet/requests/${result.data.id}`);
    } catch {
      setFormError("Не удалось отправить заявку. Проверьте интернет и попробуйте ещё раз — всё введённое сохранено.");
      setSubmitting(false);
    }
  }

  const { waiting: waitingForUploads, requestSend } = useSendAfterUploads([...screenshots, ...receipt], () => void send());

  const receiptInfo = receipt[0]?.uploaded?.receipt;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <div className="space-y-1.5">
        <label htmlFor="productId" className="text-sm font-medium">
          Продукт
        </label>
        <select
          id="productId"
          value={productId}
          onChange={(event) => setProductId(event.target.value)}
          aria-invalid={Boolean(fieldErrors.productId)}
          className="h-12 w-full rounded-xl border border-line bg-white px-3 text-base aria-[invalid=true]:border-red-500"
        >
          <option value="">Выберите продукт…</option>
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name}
            </option>
          ))}
        </select>
        {fieldErrors.productId && <p className="text-sm text-red-700">{fieldErrors.productId}</p>}
      </div>

      <div className="space-y-1.5">
        <label htmlFor="reviewUrl" className="text-sm font-medium">
          Ссылка на отзыв
        </label>
        <Input
          id="reviewUrl"
          type="url"
          inputMode="url"
          placeholder="https://irecommend.ru/content/…"
          value={reviewUrl}
          onChange={(event) => setReviewUrl(event.target.value)}
          aria-invalid={Boolean(fieldErrors.reviewUrl)}
        />
        <p className="text-xs text-muted">IRecommend.ru, Ozon, Wildberries, Яндекс Маркет или другой магазин.</p>
        {fieldErrors.reviewUrl && <p className="text-sm text-red-700">{fieldErrors.reviewUrl}</p>}
      </div>

      <ImagePicker
        kind="REVIEW_SCREENSHOT"
        max={maxScreenshots}
        items={screenshots}
        onChange={updateScreenshots}
        label="Скриншоты отзыва"
        hint={`От 1 до ${maxScreenshots}: чтобы были видны текст отзыва, оценка и ваше имя.`}
        error={fieldErrors.screenshots}
        testId="screenshots"
      />

      <div className="space-y-2">
        <ImagePicker
          kind="RECEIPT_PHOTO"
          max={1}
          items={receipt}
          onChange={updateReceipt}
          label={`Чек (по желанию, +${receiptPoints} баллов)`}
          hint="Фото или скриншот чека, где хорошо виден QR-код."
          error={fieldErrors.receipt}
          testId="receipt"
        />
        {receipt.length === 0 && !scanning && (
          <button type="button" onClick={() => setScanning(true)} className="inline-flex items-center gap-2 text-sm font-medium text-brand-700">
            <ScanLine className="size-4" /> Сканировать QR-код камерой
          </button>
        )}
        {scanning && <ReceiptScanner onCapture={onScanned} onClose={() => setScanning(false)} />}
        {receiptInfo && (
          <div data-testid="receipt-verdict">
            {receiptInfo.verdict === "FISCAL" && receiptInfo.purchasedAt && receiptInfo.totalKopecks !== undefined && (
              <Alert tone="success">
                Чек распознан: {formatDateTime(new Date(receiptInfo.purchasedAt))}, {formatRoubles(receiptInfo.totalKopecks)}
              </Alert>
            )}
            {receiptInfo.verdict === "UNREADABLE" && <Alert tone="info">{receiptInfo.message}</Alert>}
            {receiptInfo.verdict === "REFUSED" && <Alert tone="error">{receiptInfo.message}</Alert>}
          </div>
        )}
      </div>

      {formError && (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      )}
      <Button type="submit" size="lg" disabled={submitting}>
        {submitting ? "Отправляем…" : waitingForUploads ? "Отправим, когда загрузятся фото…" : "Отправить заявку"}
      </Button>
      <p className="text-center text-xs text-muted">Заявку рассмотрят в течение {businessDaysText(moderationBusinessDays)}.</p>
    </form>
  );
}
