import "server-only";
import sharp, { type Sharp } from "sharp";
import { IMAGE_LIMITS } from "@/lib/rules/image-upload";

/**
 * Perceptual hash for near-duplicate screenshots: a dHash (grey, resize with lanczos3, compare each sample
 * with its right-hand neighbour) taken on a fine grid and projected to 64 bits, so it fits the `bigint`
 * column and compares by Hamming distance (in SQL: `bit_count((a # b)::bit(64))`).
 *
 * Why not the classic 9×8 dHash: screenshots of *different* reviews share the site's layout (header bar,
 * title, stars, divider, photo box, blank space below), and 72 samples see only that layout. Measured on
 * the six review fixtures (three sites, light and dark), classic dHash put different screenshots 5–10 bits
 * apart while JPEG/WebP re-encodes and rescales of one screenshot drifted up to 12 bits: no threshold
 * separates them. The text, which is what differs between reviews, only shows at a finer grid.
 *
 * So: 97×192 grey samples → 96×192 neighbour differences (a dHash's gradients, kept signed), then 64
 * random ±1 projections of that vector, one bit per sign (SimHash). The expected Hamming distance is
 * 64·θ/π for the angle θ between two gradient fields: a re-encode or a rescale barely turns the field
 * (≤ 8°, ≈ 3 bits), other text on the same layout turns it by 25° (three lines of body text swapped) to
 * 80° (another review), and an inverted theme points it the other way (≈ 60 bits).
 *
 * Changing the grid, the kernel or the projection seed changes every hash: stored hashes would then
 * have to be recomputed from the stored images.
 */
export const PERCEPTUAL_HASH_GRID = { columns: 96, rows: 192 } as const;

/**
 * Two screenshots whose hashes differ in at most this many bits are flagged as the same screenshot.
 * Measured on the six review fixtures (`perceptual-hash.test.ts` prints the table): JPEG q30–q50, WebP q40,
 * 37–150 % rescales of each stay within 5 bits; different screenshots on the same layout and theme are
 * 24–36 apart, light vs dark 26–62; the same screenshot with another review's body text (or name and
 * body) pasted in is 13–28 apart. In a sweep over 40 projection seeds, copies peaked at 7 and different
 * screenshots bottomed at 19, hence 8. A flag only asks the moderator to compare two images side by side.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 8;

const PROJECTION_SEED = 0x5eed_c0de;

/**
 * The 64-bit perceptual hash as a signed bigint (Postgres `bigint`). A Buffer is decoded with its EXIF
 * orientation applied; a sharp pipeline is used as given (the caller has oriented it).
 */
export async function perceptualHash(image: Buffer | Sharp): Promise<bigint> {
  // Same input guards as processImage.
  const pipeline = Buffer.isBuffer(image) ? sharp(image, { failOn: "warning", limitInputPixels: IMAGE_LIMITS.maxPixels }).rotate() : image;
  // Decode at full size first: JPEG/WebP shrink-on-load would otherwise sample the same picture differently
  // depending on its format and size (measured: a 13° turn between a PNG and its JPEG copy).
  const decoded = await pipeline.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  const { columns, rows } = PERCEPTUAL_HASH_GRID;
  const width = columns + 1;
  const { data, info } = await sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels } })
    .resize(width, rows, { fit: "fill", kernel: "lanczos3" })
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  // Grey and flattened on white only now, on 97×192 samples: libvips' colourspace conversion of the full
  // picture cost more than everything else together. Both are linear, so the order does not matter.
  const grey = toGreyOnWhite(data, info.channels, width * rows);

  const sums = new Float64Array(64);
  let index = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++, index++) {
      const gradient = (grey[y * width + x] ?? 0) - (grey[y * width + x + 1] ?? 0);
      if (gradient === 0) continue;
      // Two pseudo-random 32-bit words per component give its ±1 weight in each of the 64 projections.
      const low = mix32(index * 2 + PROJECTION_SEED);
      const high = mix32(index * 2 + 1 + PROJECTION_SEED);
      for (let bit = 0; bit < 32; bit++) {
        sums[bit] = (sums[bit] ?? 0) + ((low >>> bit) & 1 ? gradient : -gradient);
        sums[bit + 32] = (sums[bit + 32] ?? 0) + ((high >>> bit) & 1 ? gradient : -gradient);
      }
    }
  }

  let hash = 0n;
  for (let bit = 0; bit < 64; bit++) hash = (hash << 1n) | ((sums[bit] ?? 0) > 0 ? 1n : 0n);
  return BigInt.asIntN(64, hash);
}

/** Luma (Rec. 601) of 1–4 channel pixels, transparent parts composited on white. */
function toGreyOnWhite(data: Buffer, channels: number, pixels: number): Float64Array {
  const grey = new Float64Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const at = i * channels;
    const r = data[at] ?? 0;
    const luma = channels >= 3 ? 0.299 * r + 0.587 * (data[at + 1] ?? 0) + 0.114 * (data[at + 2] ?? 0) : r;
    const alphaIndex = channels === 4 ? at + 3 : channels === 2 ? at + 1 : -1;
    const alpha = alphaIndex < 0 ? 1 : (data[alphaIndex] ?? 255) / 255;
    grey[i] = luma * alpha + 255 * (1 - alpha);
  }
  return grey;
}

/** Number of differing bits between two 64-bit hashes (signed or unsigned). */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffff_ffffn));
}

export function isNearDuplicate(a: bigint, b: bigint): boolean {
  return hammingDistance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE;
}

/** A 32-bit integer hash (lowbias32): deterministic, well-mixed projection weights without a stored table. */
function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function popcount32(value: number): number {
  let x = value >>> 0;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
