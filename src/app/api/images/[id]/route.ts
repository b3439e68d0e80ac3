import { z } from "zod";
import { getImageForViewer } from "@/server/domain/images/get-image-for-viewer";
import { SIGNED_IN } from "@/server/http/edge-call";
import { defineRoute } from "@/server/http/define-route";
import { imageResponse } from "@/server/http/image-response";

/** GET /api/images/<id>?variant=full|thumb: a stored image, for its owner and for staff. */
export const GET = defineRoute({
  name: "api/images",
  roles: SIGNED_IN,
  params: z.object({ id: z.uuid() }),
  query: z.object({ variant: z.enum(["full", "thumb"]).default("full") }),
  // A malformed address is answered like someone else's image: not found.
  malformed: { notFound: "Изображение не найдено." },
  run: async ({ actor, input, request }) => {
    // Authorised first: a 304 tells the browser its copy may still be shown.
    const image = await getImageForViewer(actor, { id: input.params.id, variant: input.query.variant });
    // Streamed from storage, never held whole in memory.
    return imageResponse(request, image);
  },
});
