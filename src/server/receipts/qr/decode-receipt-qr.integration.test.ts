import { readFileSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseFiscalQr } from "@/lib/fiscal-qr";
import { FIXTURES_DIR } from "../../../../tests/support/fixtures";
import { decodeReceiptQr } from "./decode-receipt-qr";

// The receipt fixtures (tests/fixtures/receipts/README.md).
const FIXTURES = path.join(FIXTURES_DIR, "receipts");
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")) as { file: string; expected: string | null }[];

function fixture(file: string): Buffer {
  return readFileSync(path.join(FIXTURES, file));
}

function expected(file: string): string | null {
  const entry = manifest.find((item) => item.file === file);
  if (!entry) throw new Error(`${file} is not in the manifest`);
  return entry.expected;
}

// Generous: the machine running the tests may be busy; the budget is not what is under test here.
const TIMEOUT_MS = 10_000;

describe("decodeReceiptQr", () => {
  it.each([
    ["a phone screenshot with a tiny code", "shot-003.png"],
    ["a dark-mode screenshot", "shot-inv-003.png"],
    ["an EXIF-rotated (mirrored) blurred photo", "photo-093.jpg"],
    ["an AVIF photo", "photo-017.avif"],
    ["a PNG with black transparent pixels", "alpha-003.png"],
    ["a photo of a curled, creased receipt", "upload-013.jpg"],
  ])("reads the fiscal code in %s (%s)", async (_label, file) => {
    const result = await decodeReceiptQr(fixture(file), { timeoutMs: TIMEOUT_MS });
    expect(result.fiscalText).toBe(expected(file));
    expect(result.texts).toContain(expected(file));
    expect(result.timedOut).toBe(false);
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it("prefers the fiscal code when a second QR code stands beside it", async () => {
    const result = await decodeReceiptQr(fixture("shot-two-003.png"), { timeoutMs: TIMEOUT_MS });
    expect(result.fiscalText).toBe(expected("shot-two-003.png"));
    expect(result.texts).toHaveLength(2);
    const other = result.texts.find((text) => text !== result.fiscalText);
    expect(other && parseFiscalQr(other)).toMatchObject({ ok: false, problem: "NOT_FISCAL" });
  });

  it("returns a non-fiscal code's text so the shopper can be told it is not a receipt", async () => {
    const result = await decodeReceiptQr(fixture("shot-nonfiscal-003.jpg"), { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ fiscalText: null, texts: [expected("shot-nonfiscal-003.jpg")], timedOut: false });
  });

  it.each([
    ["a screenshot without any code", "neg-shot-003.png"],
    ["a 1-D barcode", "neg-ean-003.png"],
    ["a QR-like pattern", "neg-fakeqr-003.png"],
    ["a photo with a cut-off code", "neg-cropped-003.jpg"],
  ])("finds nothing in %s", async (_label, file) => {
    const result = await decodeReceiptQr(fixture(file), { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ texts: [], fiscalText: null, timedOut: false });
  });

  it("says so when the upload is not an image", async () => {
    const result = await decodeReceiptQr(Buffer.from("%PDF-1.7 definitely not a picture"), { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ texts: [], fiscalText: null, timedOut: false, unreadableImage: true });
  });

  it("refuses a small file claiming gigapixels without decoding it", async () => {
    const bomb = await withPngDimensions(await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).png().toBuffer(), 60_000, 60_000);
    const result = await decodeReceiptQr(bomb, { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ texts: [], timedOut: false, unreadableImage: true });
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it("decodes off the event loop: timers keep firing while a 12 MP photo is decoded", async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    try {
      const result = await decodeReceiptQr(fixture("neg-photo-003.jpg"), { timeoutMs: TIMEOUT_MS });
      expect(result.texts).toEqual([]);
    } finally {
      clearInterval(ticker);
    }
    // Decoding takes well over 100 ms of CPU; on the event loop it would stall the ticker for that long.
    expect(longestGap).toBeLessThan(100);
  });

  it("gives up on time: the worker is replaced and the next image decodes normally", async () => {
    // A started pool first, so that only the decoding is timed.
    await decodeReceiptQr(fixture("shot-047.png"), { timeoutMs: TIMEOUT_MS });
    const started = performance.now();
    const slow = await decodeReceiptQr(fixture("photo-077.jpg"), { timeoutMs: 40 });
    expect(slow).toMatchObject({ timedOut: true, fiscalText: null });
    expect(performance.now() - started).toBeLessThan(500);

    const next = await decodeReceiptQr(fixture("shot-013.png"), { timeoutMs: TIMEOUT_MS });
    expect(next).toMatchObject({ fiscalText: expected("shot-013.png"), timedOut: false });
  });

  it("answers calls made at once, each with its own result", async () => {
    const files = ["shot-023.jpg", "neg-ean-003.png", "photo-023.jpg", "shot-nonfiscal-003.jpg"];
    const results = await Promise.all(files.map((file) => decodeReceiptQr(fixture(file), { timeoutMs: TIMEOUT_MS })));
    expect(results.map((result) => result.texts[0] ?? null)).toEqual(files.map(expected));
  });
});

/** A PNG whose header claims other dimensions than its pixel data has (IHDR rewritten, CRC fixed). */
async function withPngDimensions(png: Buffer, width: number, height: number): Promise<Buffer> {
  const out = Buffer.from(png);
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}
