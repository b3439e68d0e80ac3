"use client";

import { AlertCircle, Camera, ImagePlus, RotateCcw, X } from "lucide-react";
import { type DragEvent, useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { countRu } from "@/lib/plural-ru";
import { type UploadKind, type UploadedImage, imageUrl, prepareImageForUpload, uploadFailure, uploadImage } from "./upload-image";

export interface PickedImage {
  /** Local key for React; stable across the upload. */
  key: string;
  previewUrl: string;
  status: "uploading" | "done" | "failed";
  progress: number;
  error?: string;
  /** The failure may pass on a second try (the network, a busy server); a refused file never will. */
  retryable?: boolean;
  file?: File;
  uploaded?: UploadedImage;
}

/** A picked image restored from a saved draft (already on the server). */
export function pickedFromUploaded(uploaded: UploadedImage): PickedImage {
  return { key: uploaded.id, previewUrl: imageUrl(uploaded.id), status: "done", progress: 1, uploaded };
}

/**
 * Choose images from the gallery, take them with the camera, or drop them: each is downscaled if huge,
 * uploaded at once with its own progress bar, and can be removed. A failed file is marked on its tile and
 * explained below the picker in full, with "Удалить" and, when another try can help, "Ещё раз". Nothing
 * already uploaded is lost when another file fails.
 */
const FILE_FORMS = ["файл", "файла", "файлов"] as const;

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
      onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "uploading", progress: 0, error: undefined, retryable: undefined } : item)));
      void (async () => {
        try {
          const prepared = await prepareImageForUpload(file);
          const uploaded = await uploadImage(prepared, kind, (progress) =>
            onChange((current) => current.map((item) => (item.key === key ? { ...item, progress } : item))),
          );
          onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "done", progress: 1, uploaded } : item)));
        } catch (failure) {
          const { error, retryable } = uploadFailure(failure);
          onChange((current) => current.map((item) => (item.key === key ? { ...item, status: "failed", error, retryable } : item)));
        }
      })();
    },
    [kind, onChange],
  );

  function addFiles(files: FileList | File[]) {
    const list = Array.from(files);
    const room = max - items.length;
    if (list.length > room) {
      setNotice(room <= 0 ? `Уже добавлено максимальное число файлов: ${max}.` : `Добавили ${countRu(room, FILE_FORMS)} из ${list.length} выбранных: больше ${max} не поместится.`);
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

  // A photo's preview (an object URL, several MB) is released as soon as its tile is gone: removed, replaced
  // by a scan, or the picker itself gone.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const shown = new Set(items.map((item) => item.previewUrl).filter((url) => url.startsWith("blob:")));
    for (const url of previews.current) if (!shown.has(url)) URL.revokeObjectURL(url);
    previews.current = shown;
  }, [items]);
  useEffect(() => {
    const current = previews;
    return () => current.current.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const failed = items.filter((item) => item.status === "failed");

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
                  <div className="absolute inset-0 grid place-items-center bg-white/70 text-red-700">
                    <AlertCircle className="size-7" aria-label="Не загружено" />
                  </div>
                )}
                {/* The hit area is 44 px; the visible circle is smaller so it does not hide the picture. */}
                <button
                  type="button"
                  onClick={() => remove(item.key)}
                  className="absolute right-0 top-0 grid size-11 place-items-center text-ink"
                  aria-label="Убрать фото"
                >
                  <span className="grid size-7 place-items-center rounded-full bg-white/90 shadow">
                    <X className="size-4" />
                  </span>
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
      {failed.length > 0 && (
        <ul className="space-y-2" data-testid={testId ? `${testId}-upload-errors` : undefined}>
          {failed.map((item) => (
            <li key={item.key} className="rounded-xl bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200" data-testid="upload-error">
              {/* A file name with no break in it ("Screenshot_20240512_123456_com.wildberries.ru.jpg") wraps anywhere. */}
              <p className="[overflow-wrap:anywhere]">
                {item.file?.name && <span className="font-medium">«{item.file.name}»: </span>}
                {item.error}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="button" onClick={() => remove(item.key)} className="inline-flex h-11 items-center gap-1.5 rounded-xl bg-white px-4 font-medium text-red-800 ring-1 ring-red-200">
                  <X className="size-4" /> Удалить
                </button>
                {item.retryable && item.file && (
                  <button type="button" onClick={() => startUpload(item.key, item.file!)} className="inline-flex h-11 items-center gap-1.5 rounded-xl bg-white px-4 font-medium text-brand-700 ring-1 ring-line">
                    <RotateCcw className="size-4" /> Ещё раз
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {notice && <p className="text-xs text-amber-700">{notice}</p>}
      {error && (
        <p className="text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
