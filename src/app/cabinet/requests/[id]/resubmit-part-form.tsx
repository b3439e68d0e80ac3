"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { ImagePicker, type PickedImage } from "@/components/uploads/image-picker";
import { useSendAfterUploads } from "@/components/uploads/use-send-after-uploads";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { resubmitRequestPartAction } from "../actions";
import { FormStatus } from "@/components/ui/form-status";

/** Send a rejected part again with new images. */
export function ResubmitPartForm({ requestId, partKind, maxImages }: { requestId: number; partKind: "REVIEW" | "RECEIPT"; maxImages: number }) {
  const router = useRouter();
  const [items, setItems] = useState<PickedImage[]>([]);
  // The form's own check ("add photos", "some did not upload"), shown by the picker it is about; it is
  // answered by any change there (a file added or removed), so it goes away then.
  const [pickerError, setPickerError] = useState<string | null>(null);
  const { pending, error, run } = useServerAction();
  const update = useCallback((change: (current: PickedImage[]) => PickedImage[]) => {
    setItems(change);
    setPickerError(null);
  }, []);

  async function submit() {
    if (pending) return;
    const done = items.filter((item) => item.status === "done");
    if (done.length === 0 || items.some((item) => item.status !== "done")) {
      setPickerError(items.some((item) => item.status === "failed") ? "Некоторые фото не загрузились: повторите загрузку или уберите их." : "Добавьте новые фото.");
      return;
    }
    const result = await run(() => resubmitRequestPartAction({ requestId, partKind, imageIds: done.map((item) => item.uploaded!.id) }), "Не удалось отправить. Проверьте интернет и попробуйте ещё раз.");
    if (!result) return;
    setItems([]);
    router.refresh();
  }

  const { waiting, requestSend } = useSendAfterUploads(items, () => void submit());

  return (
    <div className="space-y-3 rounded-xl bg-brand-50 p-3" data-testid={`resubmit-${partKind.toLowerCase()}`}>
      <ImagePicker
        kind={partKind === "REVIEW" ? "REVIEW_SCREENSHOT" : "RECEIPT_PHOTO"}
        max={maxImages}
        items={items}
        onChange={update}
        label={partKind === "REVIEW" ? "Новые скриншоты отзыва" : "Новое фото чека"}
        error={pickerError ?? undefined}
        testId={`resubmit-${partKind.toLowerCase()}-picker`}
      />
      <FormStatus error={error} />
      <PendingButton type="button" size="lg" pending={pending} pendingText="Отправляем…" onClick={requestSend}>
        {waiting ? "Отправим, когда загрузятся фото…" : "Отправить повторно"}
      </PendingButton>
    </div>
  );
}
