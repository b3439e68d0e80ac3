import { describe, expect, it } from "vitest";
import { imageEtag, imageResponse } from "./image-response";

const image = { id: "0b0c6a55-3a53-4a5e-9d8e-0a6f4a1f2b3c", variant: "full" as const, bytes: Buffer.from("webp bytes"), contentType: "image/webp" };
const request = (headers: Record<string, string> = {}) => new Request(`http://localhost/api/images/${image.id}`, { headers });

describe("image responses", () => {
  it("send the bytes with a strong ETag, kept by the browser only and revalidated on every use", async () => {
    const response = imageResponse(request(), image);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      etag: imageEtag(image),
      "cache-control": "private, no-cache",
      vary: "Cookie",
      "x-content-type-options": "nosniff",
      "content-type": "image/webp",
      "content-length": String(image.bytes.length),
      "content-disposition": "inline",
    });
    expect(imageEtag(image)).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(image.bytes)).toBe(true);
  });

  it("tell the image, the variant and the bytes apart in the ETag", () => {
    const etags = new Set([
      imageEtag(image),
      imageEtag({ ...image, variant: "thumb" }),
      imageEtag({ ...image, id: "1b0c6a55-3a53-4a5e-9d8e-0a6f4a1f2b3c" }),
      imageEtag({ ...image, bytes: Buffer.from("webp bytez") }),
    ]);
    expect(etags.size).toBe(4);
    expect(imageEtag({ ...image, bytes: Buffer.from("webp bytes") })).toBe(imageEtag(image));
  });

  it("answer 304 without a body when the browser holds these bytes", async () => {
    const etag = imageEtag(image);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = imageResponse(request({ "If-None-Match": ifNoneMatch }), image);
      expect(response.status, ifNoneMatch).toBe(304);
      expect(await response.text()).toBe("");
      expect(Object.fromEntries(response.headers)).toEqual({ etag, "cache-control": "private, no-cache", vary: "Cookie", "x-content-type-options": "nosniff" });
    }
  });

  it("send the bytes again for another ETag or a hard reload", () => {
    expect(imageResponse(request({ "If-None-Match": imageEtag({ ...image, variant: "thumb" }) }), image).status).toBe(200);
    expect(imageResponse(request({ "If-None-Match": '"stale"' }), image).status).toBe(200);
    expect(imageResponse(request({ "If-None-Match": imageEtag(image), "Cache-Control": "no-cache" }), image).status).toBe(200);
  });
});
