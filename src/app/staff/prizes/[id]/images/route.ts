import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/session";
import { attachPrizeImage, attachPrizeImageInput } from "@/server/domain/catalogue/attach-prize-image";
import { defineRoute } from "@/server/http/define-route";
import { jsonOk } from "@/server/http/json-response";
import { requireUploadedFile } from "@/server/http/read-multipart-upload";
import { IMAGE_LIMITS, IMAGE_MAX_MEGABYTES } from "@/lib/rules/image-upload";

/**
 * POST multipart/form-data { file }: adds a picture to the prize (brand staff and administrators only). One
 * file per request, as the request uploads do: progress per file, and a failure loses nothing already uploaded.
 */
export const POST = defineRoute({
  name: "attach-prize-image",
  roles: AREA_ROLES.staff,
  params: z.object({ id: z.string() }),
  upload: {
    maxFileBytes: IMAGE_LIMITS.maxBytes,
    tooLarge: `Файл больше ${IMAGE_MAX_MEGABYTES} МБ. Уменьшите изображение.`,
  },
  run: async ({ actor, input }) => {
    const { prizeId } = attachPrizeImageInput.parse({ prizeId: input.params.id });
    const file = requireUploadedFile(input.upload, "Файл пустой. Выберите изображение.");
    const attached = await attachPrizeImage(actor, { prizeId, bytes: file.bytes });
    revalidatePath(`/staff/prizes/${prizeId}`);
    revalidatePath("/cabinet/prizes");
    return jsonOk(attached, 201);
  },
});
