import { getDevOutboxEmail } from "@/server/domain/outbox/get-dev-outbox-email";
import { AppError } from "@/server/errors";
import { jsonError } from "@/server/http/json-response";

/** GET /dev/outbox/<id>: an outbox email's HTML as the recipient's mail client would show it. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = Number((await context.params).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("NOT_FOUND", "Письмо не найдено.");
    const email = await getDevOutboxEmail(id);
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
  } catch (error) {
    return jsonError(error, "dev/outbox");
  }
}
