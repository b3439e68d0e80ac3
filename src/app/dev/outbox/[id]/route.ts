import { z } from "zod";
import { getDevOutboxEmail } from "@/server/domain/outbox/get-dev-outbox-email";
import { defineRoute } from "@/server/http/define-route";

/** GET /dev/outbox/<id>: an outbox email's HTML as the recipient's mail client would show it (development outbox only). */
export const GET = defineRoute({
  name: "dev/outbox",
  roles: "public",
  params: z.object({ id: z.coerce.number().int().positive() }),
  malformed: { notFound: "Письмо не найдено." },
  run: async ({ input }) => {
    const email = await getDevOutboxEmail(input.params.id);
    return new Response(email.html, {
      status: 200,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        // The HTML came from a template filled with user text: shown in a sandbox with no scripts and no requests
        // except images, as mail clients do.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'",
        "Cache-Control": "no-store",
      },
    });
  },
});
