import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { attachPrizeImage, attachPrizeImageInput } from "@/server/domain/catalogue/attach-prize-image";
import { AppError } from "@/server/errors";
import { jsonError, jsonOk } from "@/server/http/json-response";
import { IMAGE_LIMITS } from "@/server/images/process-image";

// One file per request, as the request uploads do (src/app/api/uploads/route.ts): progress per file, and a
// failure loses nothing already uploaded.
const MAX_BODY_BYTES = IMAGE_LIMITS.maxBytes + 64 * 1024;
const TOO_LARGE = `Файл больше ${Math.round(IMAGE_LIMITS.maxBytes / 1024 / 1024)} МБ. Уменьшите изображение.`;

/** POST multipart/form-data { file }: adds a picture to the prize (brand staff and administrators only). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    // Route handlers are outside the staff layout's role check: this one checks for itself.
    const actor = await requireActorRole(AREA_ROLES.staff);
    const { prizeId } = attachPrizeImageInput.parse({ prizeId: (await context.params).id });
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) throw new AppError("VALIDATION", TOO_LARGE);
    const form = await request.formData().catch(() => {
      throw new AppError("VALIDATION", "Не удалось прочитать файл. Попробуйте загрузить его ещё раз.");
    });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("VALIDATION", "Файл пустой. Выберите изображение.");
    if (file.size > IMAGE_LIMITS.maxBytes) throw new AppError("VALIDATION", TOO_LARGE);
    const attached = await attachPrizeImage(actor, { prizeId, bytes: Buffer.from(await file.arrayBuffer()) });
    revalidatePath(`/staff/prizes/${prizeId}`);
    revalidatePath("/cabinet/prizes");
    return jsonOk(attached, 201);
  } catch (error) {
    return jsonError(error, "attach-prize-image");
  }
}
