"use client";

import { Camera, ImagePlus, RotateCcw, X } from "lucide-react";
import { type DragEvent, useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { type UploadKind, type UploadedImage, imageUrl, prepareImageForUpload, uploadImage } from "./upload-image";

export interface PickedImage {
  /** Local key for React; stable across the upload. */
  key: string;
  previewUrl: string;
  status: "uploading" | "done" | "failed";
  progress: number;
  error?: string;
  file?: File;
  uploaded?: UploadedImage;
}

/** A picked image restored from a saved draft (already on the server). */
export function pickedFromUploaded(uploaded: UploadedImage): PickedImage {
  return { key: uploaded.id, previewUrl: imageUrl(uploaded.id), status: "done", progress: 1, uploaded };
}

/**
 * Choose images from the gallery, take them with the camera, or drop them: each is downscaled if huge,
 * uploaded at once with its own progress bar, and can be removed or retried. Nothing already uploaded
 * is lost when another file fails.
 */
export function ImagePicker({
  kind,
  max,
  items,
  onChange,
  label,
  hint,
  error,
  testId,
}: {
  kind: UploadKind;
  max: number;
  items: PickedImage[];
  onChange: (update: (items: PickedImage[]) => PickedImage[]) => void;
  label: string;
  hint?: string;
  error?: string;
  testId?: string;
}) {
  const galleryRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const startUpload = useCallback(
    (key: string, file: File) => {
      onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "uploading", progress: 0, error: undefined } : item)));
      void (async () => {
        try {
          const prepared = await prepareImageForUpload(file);
          const uploaded = await uploadImage(prepared, kind, (progress) =>
            onChange((current) => current.map((item) => (item.key === key ? { ...item, progress } : item))),
          );
          onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "done", progress: 1, uploaded } : item)));
        } catch (failure) {
          const message = failure instanceof Error ? failure.message : "Не удалось загрузить файл.";
          onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "failed", error: message } : item)));
        }
      })();
    },
    [kind, onChange],
  );

  function addFiles(files: FileList | File[]) {
    const list = Array.from(files);
    const room = max - items.length;
    if (list.length > room) {
      setNotice(room <= 0 ? `Уже добавлено максимальное число файлов: ${max}.` : `Можно добавить ещё ${room} из ${list.length} выбранных — максимум ${max}.`);
    } else {
      setNotice(null);
    }
    const accepted = list.slice(0, Math.max(0, room)).map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      previewUrl: URL.createObjectURL(file),
      status: "uploading" as const,
      progress: 0,
      file,
    }));
    if (accepted.length === 0) return;
    onChange((current) => [...current, ...accepted]);
    for (const item of accepted) startUpload(item.key, item.file);
  }

  function remove(key: string) {
    onChange((current) => current.filter((item) => item.key !== key));
    setNotice(null);
  }

  useEffect(() => {
    // Object URLs are released when the picker goes away.
    return () => items.forEach((item) => item.previewUrl.startsWith("blob:") && URL.revokeObjectURL(item.previewUrl));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) addFiles(event.dataTransfer.files);
  }

  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex items-baseline justify-between">
        <span className="text-sm font-medium">{label}</span>
        <span className="text-xs text-muted">
          {items.length} / {max}
        </span>
      </div>
      {hint && <p className="text-xs text-muted">{hint}</p>}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn("rounded-2xl border-2 border-dashed p-3 transition-colors", dragging ? "border-brand-500 bg-brand-50" : "border-line bg-white", error && "border-red-400")}
      >
        {items.length > 0 && (
          <ul className="mb-3 grid grid-cols-3 gap-2 sm:grid-cols-5">
            {items.map((item) => (
              <li key={item.key} className="relative aspect-[3/4] overflow-hidden rounded-xl bg-canvas ring-1 ring-line" data-testid="picked-image" data-status={item.status}>
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={item.previewUrl} alt="" className={cn("size-full object-cover", item.status !== "done" && "opacity-60")} />
                {item.status === "uploading" && (
                  <div className="absolute inset-x-2 bottom-2 h-1.5 overflow-hidden rounded-full bg-white/80" role="progressbar" aria-valuenow={Math.round(item.progress * 100)} aria-valuemin={0} aria-valuemax={100}>
                    <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${Math.round(item.progress * 100)}%` }} />
                  </div>
                )}
                {item.status === "failed" && (
                  <div className="absolute inset-0 flex flex-col items-center justify-center gap-1 bg-white/85 p-1 text-center text-[11px] leading-tight text-red-700">
                    <span>{item.error}</span>
                    {item.file && (
                      <button type="button" className="inline-flex items-center gap-1 font-medium text-brand-700" onClick={() => startUpload(item.key, item.file!)}>
                        <RotateCcw className="size-3" /> Ещё раз
                      </button>
                    )}
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => remove(item.key)}
                  className="absolute right-1 top-1 grid size-7 place-items-center rounded-full bg-white/90 text-ink shadow"
                  aria-label="Убрать фото"
                >
                  <X className="size-4" />
                </button>
              </li>
            ))}
          </ul>
        )}
        {items.length < max && (
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => galleryRef.current?.click()} className="inline-flex h-11 flex-1 items-center justify-center gap-2 rounded-xl bg-brand-50 px-3 text-sm font-medium text-brand-700">
              <ImagePlus className="size-4" /> Выбрать {max > 1 ? "файлы" : "файл"}
            </button>
            <button type="button" onClick={() => cameraRef.current?.click()} className="inline-flex h-11 flex-1 items-center justify-center gap-2 rounded-xl bg-brand-50 px-3 text-sm font-medium text-brand-700">
              <Camera className="size-4" /> Снять камерой
            </button>
          </div>
        )}
        <p className="mt-2 hidden text-center text-xs text-muted sm:block">или перетащите файлы сюда</p>
        <input
          ref={galleryRef}
          type="file"
          accept="image/*"
          multiple={max > 1}
          hidden
          data-testid={testId ? `${testId}-input` : undefined}
          onChange={(event) => {
            if (event.target.files) addFiles(event.target.files);
            event.target.value = "";
          }}
        />
        <input
          ref={cameraRef}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          onChange={(event) => {
            if (event.target.files) addFiles(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      {notice && <p className="text-xs text-amber-700">{notice}</p>}
      {error && (
        <p className="text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
