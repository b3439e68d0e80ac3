import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { receiptImage, reviewScreenshot } from "../../../tests/support/fixtures";
import { AppError } from "@/server/errors";
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE } from "./perceptual-hash";
import { IMAGE_LIMITS } from "@/lib/rules/image-upload";
import { processImage } from "./process-image";

async function refusal(bytes: Buffer): Promise<AppError> {
  const error = await processImage(bytes).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("VALIDATION");
  return error as AppError;
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid 1-bit grey PNG of width×height black pixels: a few kilobytes that decode to `width·height` pixels. */
function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + packed zero bits per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("processImage: accepted uploads", () => {
  it("stores a PNG screenshot as WebP at its own size with a 480 px thumbnail", async () => {
    const bytes = reviewScreenshot("review-01-irecommend.png");
    const processed = await processImage(bytes);
    expect(processed.sourceFormat).toBe("png");
    expect(processed.full).toMatchObject({ mimeType: "image/webp", width: 1080, height: 2400 });
    expect(processed.thumb).toMatchObject({ mimeType: "image/webp", width: 216, height: 480 });
    expect((await sharp(processed.full.bytes).metadata()).format).toBe("webp");
    expect(await sharp(processed.thumb.bytes).metadata()).toMatchObject({ format: "webp", width: 216, height: 480 });
    expect(processed.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(processed.perceptualHash).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(processed.perceptualHash).toBeLessThan(2n ** 63n);
  });

  it("gives a re-encoded copy a different sha256 but a near-identical perceptual hash", async () => {
    const original = reviewScreenshot("review-03-ozon.png");
    const copy = await sharp(original).flatten({ background: "#fff" }).resize(540).jpeg({ quality: 60 }).toBuffer();
    const [a, b] = await Promise.all([processImage(original), processImage(copy)]);
    expect(b.sourceFormat).toBe("jpeg");
    expect(a.sha256).not.toBe(b.sha256);
    expect(hammingDistance(a.perceptualHash, b.perceptualHash)).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it("applies EXIF orientation of a phone photo and bounds it to 2560 px", async () => {
    const bytes = receiptImage("photo-093.jpg"); // stored 4000×3000 landscape, EXIF orientation 7
    const input = await sharp(bytes).metadata();
    expect(input).toMatchObject({ width: 4000, height: 3000, orientation: 7 });
    const processed = await processImage(bytes);
    expect(processed.full).toMatchObject({ width: 1920, height: 2560 });
    expect(processed.thumb).toMatchObject({ width: 360, height: 480 });
    const output = await sharp(processed.full.bytes).metadata();
    expect(output.orientation).toBeUndefined();
    expect(output.exif).toBeUndefined();
    expect(output.icc).toBeUndefined();

    // The pixels are the upright picture: compare with sharp's own auto-orientation.
    const reference = await sharp(bytes).rotate().resize(96, 128, { fit: "fill" }).greyscale().raw().toBuffer();
    const ours = await sharp(processed.full.bytes).resize(96, 128, { fit: "fill" }).greyscale().raw().toBuffer();
    const sideways = await sharp(bytes).resize(96, 128, { fit: "fill" }).greyscale().raw().toBuffer();
    const meanDifference = (a: Buffer, b: Buffer) => a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length;
    expect(meanDifference(ours, reference)).toBeLessThan(3);
    expect(meanDifference(ours, sideways)).toBeGreaterThan(3 * meanDifference(ours, reference));
  });

  it("drops GPS and camera EXIF from the stored copies and keeps the picture upright", async () => {
    // Left half red, right half blue, stored sideways with orientation 6 ("rotate 90° clockwise to show").
    const bytes = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#ff0000" } })
      .composite([{ input: { create: { width: 200, height: 200, channels: 3, background: "#0000ff" } }, left: 200, top: 0 }])
      .withExif({
        IFD0: { Make: "TestPhone", Model: "Carely Cam" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "55/1 45/1 2100/100", GPSLongitudeRef: "E", GPSLongitude: "37/1 37/1 0/1" },
      })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const input = await sharp(bytes).metadata();
    expect(input.orientation).toBe(6);
    expect(input.exif?.includes(Buffer.from("TestPhone"))).toBe(true);
    expect(input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer (tag 0x8825)

    const processed = await processImage(bytes);
    for (const copy of [processed.full, processed.thumb]) {
      const output = await sharp(copy.bytes).metadata();
      expect(output.format).toBe("webp");
      expect([output.orientation, output.exif, output.xmp, output.iptc, output.icc]).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(copy.bytes.includes(Buffer.from("TestPhone"))).toBe(false);
      expect(copy.bytes.includes(Buffer.from("Exif"))).toBe(false);
    }
    expect(processed.full).toMatchObject({ width: 200, height: 400 });
    const { data, info } = await sharp(processed.full.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [topR = 0, , topB = 0] = pixel(100, 50);
    const [bottomR = 0, , bottomB = 0] = pixel(100, 350);
    expect(topR).toBeGreaterThan(200); // the red left half is on top once upright
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it("reads AVIF photos", async () => {
    const processed = await processImage(receiptImage("photo-017.avif"));
    expect(processed.sourceFormat).toBe("avif");
    expect(processed.full).toMatchObject({ mimeType: "image/webp", width: 1500, height: 2000 });
  });

  it("reads WebP and JPEG screenshots, and accepts exactly the minimum side", async () => {
    const webp = await sharp(reviewScreenshot("review-05-wildberries.png")).webp({ quality: 80 }).toBuffer();
    expect((await processImage(webp)).sourceFormat).toBe("webp");
    expect((await processImage(reviewScreenshot("review-02-irecommend-dark.jpg"))).sourceFormat).toBe("jpeg");
    const smallest = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#808080" } }).png().toBuffer();
    expect((await processImage(smallest)).full).toMatchObject({ width: 64, height: 64 });
  });

  it("puts transparent images on white", async () => {
    const bytes = await sharp({ create: { width: 100, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const processed = await processImage(bytes);
    const { data } = await sharp(processed.full.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(245);
  });
});

describe("processImage: refusals", () => {
  const NOT_AN_IMAGE = /Файл не похож на изображение\. Загрузите фото или скриншот в формате JPEG, PNG, WebP или HEIC\./;

  it("refuses a PDF renamed to .jpg, telling the shopper to upload a screenshot", async () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
    expect((await refusal(pdf)).message).toMatch(/PDF.*скриншот/);
  });

  it("refuses GIF, SVG, TIFF, text and random bytes by their content", async () => {
    const gif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64"); // 1×1 GIF
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600"/></svg>');
    const tiff = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#fff" } }).tiff().toBuffer();
    const text = Buffer.from("Это не картинка, а текст отзыва.");
    const random = createHash("sha512").update("seed").digest();
    for (const bytes of [gif, svg, tiff, text, Buffer.concat([random, random, random])]) {
      expect((await refusal(bytes)).message).toMatch(NOT_AN_IMAGE);
    }
  });

  it("refuses an empty file and one over 20 MB before looking inside", async () => {
    expect((await refusal(Buffer.alloc(0))).message).toMatch(/пустой/);
    const huge = Buffer.alloc(IMAGE_LIMITS.maxBytes + 1);
    huge.set([0xff, 0xd8, 0xff], 0);
    expect((await refusal(huge)).message).toMatch(/больше 20 МБ/);
  });

  it("refuses a 60-megapixel PNG from its header, fast, without decoding it", async () => {
    const bomb = pngBomb(8000, 7500);
    expect(bomb.length).toBeLessThan(64 * 1024); // a few KB that would decode to 60 M pixels
    const started = performance.now();
    const error = await refusal(bomb);
    const elapsed = performance.now() - started;
    expect(error.message).toMatch(/слишком большое: 8000×7500 пикселей/);
    expect(elapsed).toBeLessThan(500);
  });

  it("refuses a JPEG whose header declares more pixels than allowed", async () => {
    const jpeg = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#fff" } }).jpeg().toBuffer();
    // Rewrite the SOF0 frame size to 10000×10000: only the header says so.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    jpeg.writeUInt16BE(10000, sof + 5);
    jpeg.writeUInt16BE(10000, sof + 7);
    expect((await refusal(jpeg)).message).toMatch(/слишком большое: 10000×10000/);
  });

  it("refuses images too small to show anything (a 1×1 PNG, a 63 px side)", async () => {
    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer();
    expect((await refusal(dot)).message).toMatch(/слишком маленькое \(1×1 пикселей\)/);
    const strip = await sharp({ create: { width: 63, height: 500, channels: 3, background: "#000" } }).jpeg().toBuffer();
    expect((await refusal(strip)).message).toMatch(/не меньше 64 пикселей/);
  });

  it("refuses a strip that would shrink to a few pixels across", async () => {
    expect((await refusal(pngBomb(64, 3000))).message).toMatch(/слишком вытянутое \(64×3000 пикселей\)/);
    expect((await refusal(pngBomb(6000, 100))).message).toMatch(/слишком вытянутое/);
  });

  it("refuses truncated and corrupt files with a clear message instead of crashing", async () => {
    const jpeg = receiptImage("photo-007.jpg");
    const png = reviewScreenshot("review-01-irecommend.png");
    const corrupted = Buffer.from(jpeg);
    corrupted.fill(0xff, 2000, 60_000); // scan data overwritten: libjpeg only warns about it
    for (const bytes of [jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), png.subarray(0, 40_000), corrupted, jpeg.subarray(0, 200)]) {
      expect((await refusal(bytes)).message).toMatch(/повреждён или загружен не полностью/);
    }
  });

  it("refuses a HEIC file it cannot read with advice for iPhone users", async () => {
    // An ISO-BMFF header with the "heic" brand and nothing decodable behind it.
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic", "latin1"), Buffer.alloc(4), Buffer.from("mif1heic", "latin1")]);
    const heic = Buffer.concat([ftyp, createHash("sha512").update("heic").digest()]);
    expect((await refusal(heic)).message).toMatch(/HEIC.*JPEG/);
  });
});
