import { AREA_ROLES } from "@/server/auth/session";
import { uploadRequestImage, uploadRequestImageInput } from "@/server/domain/requests/upload-request-image";
import { byActor } from "@/server/http/edge-call";
import { defineRoute } from "@/server/http/define-route";
import { jsonOk } from "@/server/http/json-response";
import { IMAGE_LIMITS, IMAGE_MAX_MEGABYTES } from "@/lib/rules/image-upload";
import { requireUploadedFile } from "@/server/http/read-multipart-upload";

/** POST multipart/form-data { kind, file }: stores one screenshot or receipt photo for a future request. */
export const POST = defineRoute({
  name: "upload-request-image",
  roles: AREA_ROLES.cabinet,
  // Uploads arrive one file at a time (with a progress bar in the form).
  upload: {
    maxFileBytes: IMAGE_LIMITS.maxBytes,
    tooLarge: `Файл больше ${IMAGE_MAX_MEGABYTES} МБ. Уменьшите фото или сделайте скриншот.`,
    fields: ["kind"],
  },
  // A request holds at most a few images and its re-sends; this only stops a script filling the disk.
  limits: [{ bucket: "upload-image", key: byActor, rules: [{ limit: 120, windowSeconds: 60 * 60 }], tooMany: (wait) => `Слишком много загрузок. Попробуйте ${wait}.` }],
  run: async ({ actor, input }) => {
    const { kind } = uploadRequestImageInput.parse({ kind: input.upload.fields.kind });
    const file = requireUploadedFile(input.upload, "Файл пустой. Выберите фото или скриншот.");
    return jsonOk(await uploadRequestImage(actor, { kind, bytes: file.bytes }), 201);
  },
});
