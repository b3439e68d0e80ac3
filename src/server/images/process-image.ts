import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { IMAGE_LIMITS, IMAGE_MAX_MEGABYTES, IMAGE_MAX_MEGAPIXELS } from "@/lib/rules/image-upload";
import { AppError } from "@/server/errors";
import { perceptualHash } from "./perceptual-hash";

export type SourceFormat = "jpeg" | "png" | "webp" | "heif" | "avif";

export interface ProcessedImage {
  /** Oriented, metadata stripped, at most `fullMaxSide` px on its longer side. */
  full: { bytes: Buffer; mimeType: "image/webp"; width: number; height: number };
  thumb: { bytes: Buffer; mimeType: "image/webp"; width: number; height: number };
  sourceFormat: SourceFormat;
  /** Of the uploaded bytes: exact re-uploads. */
  sha256: string;
  /** 64-bit, signed range (Postgres bigint): near-duplicate screenshots. */
  perceptualHash: bigint;
}

const ACCEPTED = "JPEG, PNG, WebP или HEIC";
const MESSAGES = {
  empty: "Файл пустой. Выберите фото или скриншот.",
  notAnImage: `Файл не похож на изображение. Загрузите фото или скриншот в формате ${ACCEPTED}.`,
  pdf: `Это PDF-документ, а нужно изображение. Сделайте скриншот и загрузите его как фото в формате ${ACCEPTED}.`,
  tooLarge: `Файл больше ${IMAGE_MAX_MEGABYTES} МБ. Уменьшите фото или сделайте скриншот.`,
  corrupt: "Файл повреждён или загружен не полностью. Попробуйте загрузить его ещё раз или сделайте новый снимок.",
  heicUnreadable:
    "Не удалось прочитать фото в формате HEIC. Сохраните его как JPEG (на iPhone: «Настройки → Камера → Форматы → Наиболее совместимый») или загрузите скриншот фото.",
  tooManyPixels: (width: number, height: number) =>
    `Изображение слишком большое: ${width}×${height} пикселей. Загрузите фото не больше ${IMAGE_MAX_MEGAPIXELS} мегапикселей или скриншот.`,
  tooElongated: (width: number, height: number) =>
    `Изображение слишком вытянутое (${width}×${height} пикселей): уменьшенным его не прочитать. Разделите его на несколько скриншотов.`,
  tooSmall: (width: number, height: number) =>
    `Изображение слишком маленькое (${width}×${height} пикселей), на нём ничего не разобрать. Загрузите фото или скриншот не меньше ${IMAGE_LIMITS.minSide} пикселей по каждой стороне.`,
};

// Decoding a hostile file must not pin a CPU: the largest legitimate photo takes well under a second.
const DECODE_TIMEOUT_SECONDS = 30;

/**
 * Checks an uploaded file and turns it into the stored copies: the real format is read from the bytes
 * (never the name or the client's content type), size and pixel count are checked from the header before
 * anything is decoded (decompression bombs), EXIF orientation is applied and every piece of metadata (GPS,
 * camera, time) is dropped, because the stored copies are re-encoded from pixels alone.
 * Each refusal is an AppError("VALIDATION") telling the shopper what to do instead.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new AppError("VALIDATION", MESSAGES.empty);
  if (bytes.length > IMAGE_LIMITS.maxBytes) throw new AppError("VALIDATION", MESSAGES.tooLarge);

  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === "refused") throw new AppError("VALIDATION", sniffed.message);

  // Header only: libvips reads the dimensions without allocating pixels. The pixel limit is ours below,
  // with a message a shopper understands, rather than sharp's.
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
  } catch (error) {
    throw new AppError("VALIDATION", sniffed.family === "heif" ? MESSAGES.heicUnreadable : MESSAGES.corrupt, { cause: error });
  }
  const sourceFormat = resolveFormat(sniffed.family, metadata);
  if (!sourceFormat) throw new AppError("VALIDATION", sniffed.family === "heif" ? MESSAGES.heicUnreadable : MESSAGES.corrupt);

  const { width = 0, height = 0 } = metadata;
  if (width <= 0 || height <= 0) throw new AppError("VALIDATION", MESSAGES.corrupt);
  if (width * height > IMAGE_LIMITS.maxPixels) throw new AppError("VALIDATION", MESSAGES.tooManyPixels(width, height));
  if (Math.min(width, height) < IMAGE_LIMITS.minSide) throw new AppError("VALIDATION", MESSAGES.tooSmall(width, height));
  // Bounded to fullMaxSide, a strip would shrink to a few pixels across (64×3000 → 54×2560).
  const storedShortSide = Math.min(width, height) * Math.min(1, IMAGE_LIMITS.fullMaxSide / Math.max(width, height));
  if (storedShortSide < IMAGE_LIMITS.minSide) throw new AppError("VALIDATION", MESSAGES.tooElongated(width, height));

  // One decode, to sRGB pixels on white, oriented and bounded; both copies and the hash come from them.
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    // failOn "warning": libjpeg reports corrupt scan data only as warnings and would otherwise hand back a
    // garbled picture for a moderator to squint at; the shopper can re-upload or take a screenshot at once.
    decoded = await sharp(bytes, { failOn: "warning", limitInputPixels: IMAGE_LIMITS.maxPixels })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .rotate()
      .resize({ width: IMAGE_LIMITS.fullMaxSide, height: IMAGE_LIMITS.fullMaxSide, fit: "inside", withoutEnlargement: true })
      // Transparent screenshots (a QR code cut out) would vanish on a dark page: moderators see them on white.
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new AppError("VALIDATION", sourceFormat === "heif" ? MESSAGES.heicUnreadable : MESSAGES.corrupt, { cause: error });
  }

  const pixels = () =>
    sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels } });
  const [full, thumb, hash] = await Promise.all([
    // Quality high enough for small text. Effort 2: measured within 10 % of the default's size in half
    // its time (0.5 s for a 12 MP photo); smartSubsample tripled the time and was dropped.
    pixels().webp({ quality: 85, effort: 2 }).toBuffer({ resolveWithObject: true }),
    pixels()
      .resize({ width: IMAGE_LIMITS.thumbMaxSide, height: IMAGE_LIMITS.thumbMaxSide, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true }),
    perceptualHash(pixels()),
  ]);

  return {
    full: { bytes: full.data, mimeType: "image/webp", width: full.info.width, height: full.info.height },
    thumb: { bytes: thumb.data, mimeType: "image/webp", width: thumb.info.width, height: thumb.info.height },
    sourceFormat,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    perceptualHash: hash,
  };
}

type Sniffed = { kind: "image"; family: "jpeg" | "png" | "webp" | "heif" } | { kind: "refused"; message: string };

// HEIF brands: HEVC-coded ("heic"…), AV1-coded ("avif"…) and the generic ones either may carry ("mif1"…).
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "avif", "avis", "mif1", "msf1", "miaf"]);

/** The format from the file's magic numbers. Anything not on the list never reaches a decoder (SVG, PDF…). */
function sniffFormat(bytes: Buffer): Sniffed {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString("latin1");
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: "image", family: "jpeg" };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: "image", family: "png" };
  }
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { kind: "image", family: "webp" };
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp") {
    // ISO-BMFF: major brand at 8, compatible brands from 16 to the end of the ftyp box.
    const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
    const brands = [ascii(8, 12)];
    for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(at, at + 4));
    if (brands.some((brand) => HEIF_BRANDS.has(brand))) return { kind: "image", family: "heif" };
  }
  if (ascii(0, 5) === "%PDF-") return { kind: "refused", message: MESSAGES.pdf };
  return { kind: "refused", message: MESSAGES.notAnImage };
}

/** What the decoder says must agree with the magic numbers; HEIF splits into HEIC and AVIF by its codec. */
function resolveFormat(family: "jpeg" | "png" | "webp" | "heif", metadata: Metadata): SourceFormat | null {
  if (metadata.format !== family) return null;
  if (family !== "heif") return family;
  if (metadata.compression === "av1") return "avif";
  if (metadata.compression === "hevc") return "heif";
  return null;
}
