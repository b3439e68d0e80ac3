"use client";

import { ScanLine } from "lucide-react";
import { useCallback } from "react";
import { ImagePicker, type PickedImage } from "@/components/uploads/image-picker";
import { ReceiptScanner } from "@/components/uploads/receipt-scanner";
import { prepareImageForUpload, uploadImage } from "@/components/uploads/upload-image";
import { Alert } from "@/components/ui/alert";
import { formatDateTime, formatRoubles } from "@/lib/format";
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
}: {
  items: PickedImage[];
  onChange: (update: ImagesUpdate) => void;
  scanning: boolean;
  onScanningChange: (open: boolean) => void;
  receiptPoints: number;
  error?: string;
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
          update({ status: "failed", error: failure instanceof Error ? failure.message : "Не удалось загрузить фото." });
        }
      })();
    },
    [onChange, onScanningChange],
  );

  const receiptInfo = items[0]?.uploaded?.receipt;

  return (
    <div className="space-y-2">
      <ImagePicker
        kind="RECEIPT_PHOTO"
        max={1}
        items={items}
        onChange={onChange}
        label={`Чек (по желанию, +${receiptPoints} баллов)`}
        hint="Фото или скриншот чека, где хорошо виден QR-код."
        error={error}
        testId="receipt"
      />
      {items.length === 0 && !scanning && (
        <button type="button" onClick={() => onScanningChange(true)} className="inline-flex items-center gap-2 text-sm font-medium text-brand-700">
          <ScanLine className="size-4" /> Сканировать QR-код камерой
        </button>
      )}
      {scanning && <ReceiptScanner onCapture={onScanned} onClose={() => onScanningChange(false)} />}
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
  );
}
