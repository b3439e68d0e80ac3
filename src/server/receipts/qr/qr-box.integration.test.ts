import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "@/server/images/process-image";
import { FIXTURES_DIR } from "../../../../tests/support/fixtures";
import { decodeReceiptQr } from "./decode-receipt-qr";
import { qrBoxInStoredImage } from "./qr-box";

const TIMEOUT_MS = 10_000;

describe("the QR box on the stored copy", () => {
  it.each([
    ["a 3000×4000 photo (downscaled to 2560)", "photo-003.jpg"],
    ["a 4000×3000 photo with EXIF orientation 7 (transposed, then downscaled)", "photo-093.jpg"],
    ["a phone screenshot stored at its own size", "shot-003.png"],
  ])("frames the code the server read, on %s", async (_label, file) => {
    const bytes = readFileSync(path.join(FIXTURES_DIR, "receipts", file));
    const decoded = await decodeReceiptQr(bytes, { timeoutMs: TIMEOUT_MS });
    expect(decoded.fiscalText).not.toBeNull();
    const processed = await processImage(bytes);
    const box = qrBoxInStoredImage(decoded.quads[decoded.texts.indexOf(decoded.fiscalText!)], decoded.frame, processed.full);
    expect(box).not.toBeNull();
    // A code is square-ish and a small part of a receipt photo.
    expect(box!.width / box!.height).toBeGreaterThan(0.7);
    expect(box!.width / box!.height).toBeLessThan(1.4);
    expect(box!.width * box!.height).toBeLessThan(0.5 * processed.full.width * processed.full.height);
    // What the viewer would show: the stored copy cut to the box (plus a quiet zone) reads as the same code.
    const margin = Math.round(0.2 * Math.max(box!.width, box!.height));
    const left = Math.max(0, box!.x - margin), top = Math.max(0, box!.y - margin);
    const crop = await sharp(processed.full.bytes)
      .extract({ left, top, width: Math.min(processed.full.width - left, box!.width + 2 * margin), height: Math.min(processed.full.height - top, box!.height + 2 * margin) })
      // Enlarged as the viewer does: ZXing reads a small crop poorly.
      .resize({ width: 800, height: 800, fit: "inside", kernel: "nearest" })
      .png()
      .toBuffer();
    const again = await decodeReceiptQr(crop, { timeoutMs: TIMEOUT_MS });
    expect(again.fiscalText).toBe(decoded.fiscalText);
  });
});
