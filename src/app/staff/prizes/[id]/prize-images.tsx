"use client";

import { ImagePlus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { imageUrl, prepareImageForUpload } from "@/components/uploads/upload-image";
import { removePrizeImageAction } from "../actions";

const GENERIC = "Не удалось загрузить файл. Проверьте интернет и попробуйте ещё раз.";

/** Sends one picture to the prize's upload route; the server checks and re-encodes it like any upload. */
async function uploadPrizeImage(prizeId: number, file: File): Promise<void> {
  const body = new FormData();
  body.set("file", await prepareImageForUpload(file));
  const response = await fetch(`/staff/prizes/${prizeId}/images`, { method: "POST", body }).catch(() => null);
  const payload = (await response?.json().catch(() => null)) as { ok: boolean; message?: string } | null;
  if (!payload?.ok) throw new Error(payload?.message ?? GENERIC);
}

/** The prize's pictures (the first is the catalogue's cover): add several at once, remove any. */
export function PrizeImages({ prizeId, images, max }: { prizeId: number; images: { id: string }[]; max: number }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const removal = useServerAction();

  async function addFiles(files: File[]) {
    const room = max - images.length;
    const accepted = files.slice(0, Math.max(0, room));
    const notes = files.length > accepted.length ? [`Можно добавить ещё ${Math.max(0, room)} фото — максимум ${max}.`] : [];
    setErrors(notes);
    removal.setError(null);
    setUploading(accepted.length);
    // One at a time: each file succeeds or fails on its own, in the order chosen.
    for (const file of accepted) {
      try {
        await uploadPrizeImage(prizeId, file);
      } catch (failure) {
        const message = failure instanceof Error ? failure.message : GENERIC;
        setErrors((current) => [...current, `${file.name}: ${message}`]);
      }
      setUploading((count) => count - 1);
    }
    router.refresh();
  }

  async function remove(imageId: string) {
    if (removal.pending) return;
    // The removal's own outcome replaces the uploads' messages.
    setErrors([]);
    await removal.run(() => removePrizeImageAction({ prizeId, imageId }), "Не удалось удалить фото. Попробуйте ещё раз.");
    router.refresh();
  }

  const messages = removal.error ? [...errors, removal.error] : errors;

  return (
    <div className="space-y-3" data-testid="prize-images">
      {images.length > 0 ? (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5">
          {images.map((image, index) => (
            <li key={image.id} className="relative aspect-square overflow-hidden rounded-xl bg-canvas ring-1 ring-line" data-testid="prize-image">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={imageUrl(image.id)} alt="" className="size-full object-cover" />
              {index === 0 && <span className="absolute bottom-1 left-1 rounded-full bg-white/90 px-2 py-0.5 text-[11px] font-medium">обложка</span>}
              <button
                type="button"
                onClick={() => void remove(image.id)}
                disabled={removal.pending}
                className="absolute right-1 top-1 grid size-7 place-items-center rounded-full bg-white/90 text-ink shadow disabled:opacity-50"
                aria-label="Удалить фото"
                data-testid="remove-prize-image"
              >
                <X className="size-4" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">Фото пока нет — участники увидят заглушку.</p>
      )}
      {images.length < max && (
        <button
          type="button"
          onClick={() => inputRef.current?.click()}
          disabled={uploading > 0}
          className="inline-flex h-11 items-center justify-center gap-2 rounded-xl bg-brand-50 px-4 text-sm font-medium text-brand-700 disabled:opacity-60"
        >
          <ImagePlus className="size-4" /> {uploading > 0 ? `Загружаем… осталось ${uploading}` : "Добавить фото"}
        </button>
      )}
      <input
        ref={inputRef}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="prize-image-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          if (files.length > 0) void addFiles(files);
        }}
      />
      {messages.length > 0 && (
        <Alert tone="error" data-testid="form-error">
          {messages.map((message) => (
            <span key={message} className="block">
              {message}
            </span>
          ))}
        </Alert>
      )}
    </div>
  );
}
