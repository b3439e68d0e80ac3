import "server-only";
import { z } from "zod";
import type { QrFrame, QrPoint } from "./qr-decoder-pool";

/** Where the QR code is on the stored (oriented, possibly downscaled) copy the moderator's viewer shows, in its pixels. */
export const qrBoxSchema = z.object({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type QrBox = z.infer<typeof qrBoxSchema>;

/** A stored value read defensively (a JSON column): anything malformed is "no box", never an error. */
export function readQrBox(value: unknown): QrBox | null {
  const parsed = qrBoxSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Where point (x, y) of the file's own pixel frame lands once its EXIF orientation is applied (as sharp's
 * `rotate()` does when the stored copy is made). Continuous coordinates: a point on the right edge (x = width)
 * maps to an edge, not one pixel in.
 */
export function orientPoint(point: QrPoint, frame: QrFrame): QrPoint {
  const { x, y } = point;
  const { width: w, height: h } = frame;
  switch (frame.orientation) {
    case 2: return { x: w - x, y };
    case 3: return { x: w - x, y: h - y };
    case 4: return { x, y: h - y };
    case 5: return { x: y, y: x };
    case 6: return { x: h - y, y: x };
    case 7: return { x: h - y, y: w - x };
    case 8: return { x: y, y: w - x };
    default: return { x, y };
  }
}

/**
 * The decoder's corners (in the uploaded file's frame) as a box on the stored copy: orientation applied, then
 * scaled to the copy's size (process-image.ts bounds it to 2560 px and orients it), rounded outwards and clamped.
 * Null when there is nothing sensible to show.
 */
export function qrBoxInStoredImage(quad: QrPoint[] | null | undefined, frame: QrFrame | null | undefined, stored: { width: number; height: number }): QrBox | null {
  if (!quad || quad.length < 3 || !frame || frame.width <= 0 || frame.height <= 0) return null;
  const swap = frame.orientation >= 5 && frame.orientation <= 8;
  const orientedWidth = swap ? frame.height : frame.width;
  const orientedHeight = swap ? frame.width : frame.height;
  const scaleX = stored.width / orientedWidth;
  const scaleY = stored.height / orientedHeight;
  const points = quad.map((point) => orientPoint(point, frame)).map((point) => ({ x: point.x * scaleX, y: point.y * scaleY }));
  if (points.some((point) => !Number.isFinite(point.x) || !Number.isFinite(point.y))) return null;
  const x0 = Math.max(0, Math.floor(Math.min(...points.map((point) => point.x))));
  const y0 = Math.max(0, Math.floor(Math.min(...points.map((point) => point.y))));
  const x1 = Math.min(stored.width, Math.ceil(Math.max(...points.map((point) => point.x))));
  const y1 = Math.min(stored.height, Math.ceil(Math.max(...points.map((point) => point.y))));
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
