import { describe, expect, it } from "vitest";
import { imageEtag } from "@/server/domain/images/get-image-for-viewer";
import { imageResponse } from "./image-response";

const id = "0b0c6a55-3a53-4a5e-9d8e-0a6f4a1f2b3c";
const sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const bytes = Buffer.from("webp bytes");
const request = (headers: Record<string, string> = {}) => new Request(`http://localhost/api/images/${id}`, { headers });

/** A served image that counts how often its file was opened. */
function served(size: number | null = bytes.length) {
  const image = {
    etag: imageEtag({ id, variant: "full", sha256 }),
    opened: 0,
    open: async () => {
      image.opened += 1;
      return { body: new Response(new Uint8Array(bytes)).body!, size, contentType: "image/webp" };
    },
  };
  return image;
}

describe("image responses", () => {
  it("stream the bytes with a strong ETag, kept by the browser only and revalidated on every use", async () => {
    const image = served();
    const response = await imageResponse(request(), image);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      etag: image.etag,
      "cache-control": "private, no-cache",
      vary: "Cookie",
      "x-content-type-options": "nosniff",
      "content-type": "image/webp",
      "content-length": String(bytes.length),
      "content-disposition": "inline",
    });
    expect(image.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("leave Content-Length out when the storage does not say the size", async () => {
    const response = await imageResponse(request(), served(null));
    expect(response.headers.has("content-length")).toBe(false);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("tell the image, the variant and the upload apart in the ETag", () => {
    const etags = new Set([
      imageEtag({ id, variant: "full", sha256 }),
      imageEtag({ id, variant: "thumb", sha256 }),
      imageEtag({ id: "1b0c6a55-3a53-4a5e-9d8e-0a6f4a1f2b3c", variant: "full", sha256 }),
      imageEtag({ id, variant: "full", sha256: sha256.replace("9f", "8f") }),
    ]);
    expect(etags.size).toBe(4);
    expect(imageEtag({ id, variant: "full", sha256 })).toBe(imageEtag({ id, variant: "full", sha256 }));
  });

  it("answer 304 without a body, and without opening the file, when the browser holds the image", async () => {
    const image = served();
    for (const ifNoneMatch of [image.etag, `W/${image.etag}`, `"other", ${image.etag}`, "*"]) {
      const response = await imageResponse(request({ "If-None-Match": ifNoneMatch }), image);
      expect(response.status, ifNoneMatch).toBe(304);
      expect(await response.text()).toBe("");
      expect(Object.fromEntries(response.headers)).toEqual({ etag: image.etag, "cache-control": "private, no-cache", vary: "Cookie", "x-content-type-options": "nosniff" });
    }
    expect(image.opened).toBe(0);
  });

  it("send the bytes again for another ETag or a hard reload", async () => {
    const image = served();
    expect((await imageResponse(request({ "If-None-Match": imageEtag({ id, variant: "thumb", sha256 }) }), image)).status).toBe(200);
    expect((await imageResponse(request({ "If-None-Match": '"stale"' }), image)).status).toBe(200);
    expect((await imageResponse(request({ "If-None-Match": image.etag, "Cache-Control": "no-cache" }), image)).status).toBe(200);
    expect(image.opened).toBe(3);
  });
});
