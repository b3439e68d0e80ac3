"use client";

import { ScanLine } from "lucide-react";
import { type ReactNode, useCallback } from "react";
import { ImagePicker, type PickedImage } from "@/components/uploads/image-picker";
import { ReceiptScanner } from "@/components/uploads/receipt-scanner";
import { prepareImageForUpload, uploadFailure, uploadImage } from "@/components/uploads/upload-image";
import { Alert } from "@/components/ui/alert";
import { formatDateTime, formatRoubles, pointsWord } from "@/lib/format";
import type { ImagesUpdate } from "./new-request-state";

/**
 * The optional receipt of a new request: a photo picked, or the QR code scanned with the camera (the frame
 * captured is uploaded like a picked photo), and what the server read from it once uploaded.
 */
export function ReceiptField({
  items,
  onChange,
  scanning,
  onScanningChange,
  receiptPoints,
  error,
  children,
}: {
  items: PickedImage[];
  onChange: (update: ImagesUpdate) => void;
  scanning: boolean;
  onScanningChange: (open: boolean) => void;
  receiptPoints: number;
  error?: string;
  /** Shown under what the server read: the warning that this receipt was sent before. */
  children?: ReactNode;
}) {
  const onScanned = useCallback(
    (photo: File) => {
      onScanningChange(false);
      const key = `scan-${Date.now()}`;
      const update = (change: Partial<PickedImage>) => onChange((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
      onChange(() => [{ key, previewUrl: URL.createObjectURL(photo), status: "uploading", progress: 0, file: photo }]);
      void (async () => {
        try {
          const uploaded = await uploadImage(await prepareImageForUpload(photo), "RECEIPT_PHOTO", (progress) => update({ progress }));
          update({ status: "done", progress: 1, uploaded });
        } catch (failure) {
          update({ status: "failed", ...uploadFailure(failure) });
        }
      })();
    },
    [onChange, onScanningChange],
  );

  const receiptInfo = items[0]?.uploaded?.receipt;
  // A refused receipt is said once, by the picker: the upload's verdict until a send, then the server's
  // refusal, which repeats the verdict and says what to do.
  const pickerError = error ?? (receiptInfo?.verdict === "REFUSED" ? receiptInfo.message : undefined);

  return (
    <div className="space-y-2">
      <ImagePicker
        kind="RECEIPT_PHOTO"
        max={1}
        items={items}
        onChange={onChange}
        label={`Чек (по желанию, +${receiptPoints} ${pointsWord(receiptPoints)})`}
        hint="Фото или скриншот чека, где хорошо виден QR-код."
        error={pickerError}
        testId="receipt"
      />
      {items.length === 0 && !scanning && (
        <button type="button" onClick={() => onScanningChange(true)} className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-brand-700">
          <ScanLine className="size-4" /> Сканировать QR-код камерой
        </button>
      )}
      {scanning && <ReceiptScanner onCapture={onScanned} onClose={() => onScanningChange(false)} />}
      {receiptInfo && receiptInfo.verdict !== "REFUSED" && (
        <div data-testid="receipt-verdict">
          {receiptInfo.verdict === "FISCAL" && receiptInfo.purchasedAt && receiptInfo.totalKopecks !== undefined && (
            <Alert tone="success">
              Чек распознан: {formatDateTime(new Date(receiptInfo.purchasedAt))}, {formatRoubles(receiptInfo.totalKopecks)}
            </Alert>
          )}
          {receiptInfo.verdict === "UNREADABLE" && <Alert tone="info">{receiptInfo.message}</Alert>}
        </div>
      )}
      {children}
    </div>
  );
}
