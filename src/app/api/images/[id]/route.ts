import { z } from "zod";
import { getImageForViewer } from "@/server/domain/images/get-image-for-viewer";
import { SIGNED_IN } from "@/server/http/edge-call";
import { defineRoute } from "@/server/http/define-route";

/** GET /api/images/<id>?variant=full|thumb: a stored image, for its owner and for staff. */
export const GET = defineRoute({
  name: "api/images",
  roles: SIGNED_IN,
  params: z.object({ id: z.uuid() }),
  query: z.object({ variant: z.enum(["full", "thumb"]).default("full") }),
  // A malformed address is answered like someone else's image: not found.
  malformed: { notFound: "Изображение не найдено." },
  run: async ({ actor, input }) => {
    const image = await getImageForViewer(actor, { id: input.params.id, variant: input.query.variant });
    return new Response(new Uint8Array(image.bytes), {
      status: 200,
      headers: {
        "Content-Type": image.contentType,
        "Content-Length": String(image.bytes.length),
        // Per user, in the browser only; images never change under an id.
        "Cache-Control": "private, max-age=3600",
        Vary: "Cookie",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline",
      },
    });
  },
});
