import "server-only";
import fresh from "fresh";

export interface ServedImage {
  etag: string;
  /** Called only when the bytes are sent (not for a 304). */
  open(): Promise<{ body: ReadableStream<Uint8Array>; size: number | null; contentType: string }>;
}

/**
 * Kept by the viewer's browser only (no shared cache), and asked about again on every use: an image never
 * changes under its id, but it may stop being the viewer's to see (a shopper's photos go when their data is
 * deleted), so a cached copy must not outlive the server's "yes".
 */
const CACHE_CONTROL = "private, no-cache";

/**
 * The image, streamed from storage, or 304 Not Modified when the browser already holds it (If-None-Match).
 * Only for an image the viewer was just allowed to see: the 304 says "your copy is still good" as much as
 * the 200 does.
 */
export async function imageResponse(request: Request, image: ServedImage): Promise<Response> {
  const headers = {
    ETag: image.etag,
    "Cache-Control": CACHE_CONTROL,
    // Per signed-in viewer.
    Vary: "Cookie",
    "X-Content-Type-Options": "nosniff",
  };
  const conditional = {
    "if-none-match": request.headers.get("if-none-match") ?? undefined,
    "cache-control": request.headers.get("cache-control") ?? undefined,
  };
  if (fresh(conditional, { etag: image.etag })) return new Response(null, { status: 304, headers });
  const opened = await image.open();
  return new Response(opened.body, {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": opened.contentType,
      ...(opened.size === null ? {} : { "Content-Length": String(opened.size) }),
      "Content-Disposition": "inline",
    },
  });
}
