import { z } from "zod";
import { currentActor } from "@/server/auth/session";
import { getImageForViewer } from "@/server/domain/images/get-image-for-viewer";
import { AppError } from "@/server/errors";
import { imageResponse } from "@/server/http/image-response";
import { jsonError } from "@/server/http/json-response";

const paramsSchema = z.object({ id: z.uuid() });
const querySchema = z.object({ variant: z.enum(["full", "thumb"]).default("full") });

/** GET /api/images/<id>?variant=full|thumb: a stored image, for its owner and for staff. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Войдите, чтобы посмотреть изображение.");
    const params = paramsSchema.safeParse(await context.params);
    const query = querySchema.safeParse({ variant: new URL(request.url).searchParams.get("variant") ?? undefined });
    // A malformed address is answered like someone else's image: not found.
    if (!params.success || !query.success) throw new AppError("NOT_FOUND", "Изображение не найдено.");

    // Authorised first: a 304 tells the browser its copy may still be shown.
    const image = await getImageForViewer(actor, { id: params.data.id, variant: query.data.variant });
    return imageResponse(request, { id: params.data.id, variant: query.data.variant, ...image });
  } catch (error) {
    return jsonError(error, "api/images");
  }
}
