import "server-only";
import { createHash } from "node:crypto";
import fresh from "fresh";

export interface ServedImage {
  id: string;
  variant: "full" | "thumb";
  bytes: Buffer;
  contentType: string;
}

/**
 * Kept by the viewer's browser only (no shared cache), and asked about again on every use: an image never
 * changes under its id, but it may stop being the viewer's to see (a shopper's photos go when their data is
 * deleted), so a cached copy must not outlive the server's "yes".
 */
const CACHE_CONTROL = "private, no-cache";

/** A strong validator of exactly these bytes as this image and variant. */
export function imageEtag(image: Pick<ServedImage, "id" | "variant" | "bytes">): string {
  const digest = createHash("sha256").update(image.id).update("\0").update(image.variant).update("\0").update(image.bytes).digest("base64url");
  return `"${digest}"`;
}

/**
 * The image, or 304 Not Modified when the browser already holds these bytes (If-None-Match). Only for an
 * image the viewer was just allowed to see: the 304 says "your copy is still good" as much as the 200 does.
 */
export function imageResponse(request: Request, image: ServedImage): Response {
  const etag = imageEtag(image);
  const headers = {
    ETag: etag,
    "Cache-Control": CACHE_CONTROL,
    // Per signed-in viewer.
    Vary: "Cookie",
    "X-Content-Type-Options": "nosniff",
  };
  const conditional = {
    "if-none-match": request.headers.get("if-none-match") ?? undefined,
    "cache-control": request.headers.get("cache-control") ?? undefined,
  };
  if (fresh(conditional, { etag })) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.bytes), {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Content-Disposition": "inline",
    },
  });
}
