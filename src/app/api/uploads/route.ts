import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { uploadRequestImage, uploadRequestImageInput } from "@/server/domain/requests/upload-request-image";
import { AppError } from "@/server/errors";
import { jsonError, jsonOk } from "@/server/http/json-response";
import { IMAGE_LIMITS } from "@/server/images/process-image";

// Uploads arrive one file at a time (with a progress bar in the form); multipart overhead is small.
const MAX_BODY_BYTES = IMAGE_LIMITS.maxBytes + 64 * 1024;
const TOO_LARGE = `Файл больше ${Math.round(IMAGE_LIMITS.maxBytes / 1024 / 1024)} МБ. Уменьшите фото или сделайте скриншот.`;

/** POST multipart/form-data { kind, file }: stores one screenshot or receipt photo for a future request. */
export async function POST(request: Request) {
  try {
    const actor = await requireActorRole(AREA_ROLES.cabinet);
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) throw new AppError("VALIDATION", TOO_LARGE);
    const form = await request.formData().catch(() => {
      throw new AppError("VALIDATION", "Не удалось прочитать файл. Попробуйте загрузить его ещё раз.");
    });
    const { kind } = uploadRequestImageInput.parse({ kind: form.get("kind") });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("VALIDATION", "Файл пустой. Выберите фото или скриншот.");
    if (file.size > IMAGE_LIMITS.maxBytes) throw new AppError("VALIDATION", TOO_LARGE);
    const uploaded = await uploadRequestImage(actor, { kind, bytes: Buffer.from(await file.arrayBuffer()) });
    return jsonOk(uploaded, 201);
  } catch (error) {
    return jsonError(error, "upload-request-image");
  }
}
