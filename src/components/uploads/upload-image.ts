// Client side of image uploads: downscale huge photos in the browser, then send one file at a time to
// /api/uploads with progress. The server checks everything again (format, size, pixels, QR code).

export type UploadKind = "REVIEW_SCREENSHOT" | "RECEIPT_PHOTO";

export interface UploadedImage {
  id: string;
  kind: UploadKind;
  width: number;
  height: number;
  receipt?: { verdict: "FISCAL" | "UNREADABLE" | "REFUSED"; message?: string; purchasedAt?: string; totalKopecks?: number };
}

/** Photos above this are downscaled before upload: keeps uploads fast on mobile data, QR codes legible. */
const MAX_SIDE = 4096;
const MAX_BYTES_WITHOUT_RESIZE = 8 * 1024 * 1024;
const GENERIC = "Не удалось загрузить файл. Проверьте интернет и попробуйте ещё раз.";

/**
 * Why an upload failed. `retryable`: sending the same file again may work (the network, a busy or failing
 * server, too many uploads for now); a file the server refused (not an image, too big, unreadable) never will.
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** The server's refusals of the file itself are 4xx answers other than a rate limit. */
function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export async function prepareImageForUpload(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || file.type === "image/gif" || file.type === "image/svg+xml") return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file; // a format the browser cannot draw (e.g. HEIC outside Safari): the server decides
  }
  try {
    const longest = Math.max(bitmap.width, bitmap.height);
    if (longest <= MAX_SIDE && file.size <= MAX_BYTES_WITHOUT_RESIZE) return file;
    const scale = Math.min(1, MAX_SIDE / longest);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
    if (!blob) return file;
    return new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" });
  } finally {
    bitmap.close();
  }
}

export function uploadImage(file: File, kind: UploadKind, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.set("kind", kind);
    body.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const payload = xhr.response as { ok: true; data: UploadedImage } | { ok: false; message: string } | null;
      if (payload && payload.ok) resolve(payload.data);
      else reject(new UploadError(payload && !payload.ok ? payload.message : GENERIC, isRetryableStatus(xhr.status)));
    };
    xhr.onerror = () => reject(new UploadError(GENERIC, true));
    xhr.onabort = () => reject(new UploadError("Загрузка отменена.", true));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
}

/** What a failed upload shows: its message, and whether "Ещё раз" can help. */
export function uploadFailure(failure: unknown): { error: string; retryable: boolean } {
  if (failure instanceof UploadError) return { error: failure.message, retryable: failure.retryable };
  return { error: failure instanceof Error && failure.message ? failure.message : GENERIC, retryable: true };
}

export function imageUrl(id: string, variant: "thumb" | "full" = "thumb"): string {
  return `/api/images/${id}?variant=${variant}`;
}
