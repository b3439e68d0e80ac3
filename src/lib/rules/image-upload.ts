// What an uploaded image may be: checked by src/server/images/process-image.ts, and quoted by the upload
// routes' messages. Client-safe, so pure modules (the perceptual hash) and the browser can read it too.

export const IMAGE_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  /** Decoded pixels: a decompression bomb is refused from its header. */
  maxPixels: 40_000_000,
  minSide: 64,
  fullMaxSide: 2560,
  thumbMaxSide: 480,
} as const;

/** The size limit as people read it: "20 МБ". */
export const IMAGE_MAX_MEGABYTES = Math.round(IMAGE_LIMITS.maxBytes / 1024 / 1024);
export const IMAGE_MAX_MEGAPIXELS = IMAGE_LIMITS.maxPixels / 1_000_000;
