// @ts-check
// Worker thread that finds and reads the QR codes in an uploaded receipt image.
//
// Not `server-only`: plain JavaScript, started by path at run time (see decode-receipt-qr.ts): bundlers never touch it, and it
// imports only node_modules packages and its sibling .mjs file. Type-checked by tsc through the JSDoc types
// (// @ts-check); typed-array reads carry a `@type {number}` cast where the loop bounds keep them in range,
// which noUncheckedIndexedAccess cannot see.
//
// The image is decoded once, to one greyscale channel at full resolution, and halved into a small pyramid.
// The search then escalates from cheap to expensive and stops as soon as a fiscal receipt's code is read:
//   1. a quick look at the pyramid's top (~1000 px; most phone photos and screenshots end here);
//   2. a larger look (full resolution for screenshot-sized images, ~2000 px for camera photos) for small or
//      blurred codes;
//   3. a close look at each place ZXing saw a QR symbol too small to read: cropped from full resolution and
//      rescaled to a module size ZXing reads well, plain and smoothed;
//   4. for a symbol that still fails, a bent-grid fit (curled or creased paper, see qr-grid-rescue.mjs).
// The caller gives a time budget; the search stops early rather than overrun it.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import sharp from "sharp";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { fitBentGrid, functionPatterns, renderSymbolPgm } from "./qr-grid-rescue.mjs";

/** @typedef {import("./qr-grid-rescue.mjs").GreyImage} GreyImage */
/** @typedef {import("./qr-grid-rescue.mjs").Point} Point */
/** @typedef {import("./qr-grid-rescue.mjs").Quad} Quad */
/** @typedef {import("zxing-wasm/reader").ReaderOptions} ReaderOptions */
/** @typedef {{ image: GreyImage, factor: number }} Level a pyramid level: `factor` full-resolution pixels per pixel */
/** @typedef {{ quad: Quad, version: number, seenModulePx: number }} Candidate a symbol seen but not read */
/** @typedef {{ message?: unknown, stack?: unknown } | null | undefined} Thrown what a catch may hold */

// Images larger than this are refused rather than decoded (a 50 MP phone photo still fits).
const MAX_INPUT_PIXELS = 80_000_000;
// The pyramid is halved until its long side is at most this: the quick look (a 12 MP photo gives ~1000 px).
const QUICK_MAX_LONG_SIDE = 1650;
// The larger look reads the biggest pyramid level up to this many pixels (ZXing's time grows with pixels).
const LARGE_MAX_PIXELS = 5_000_000;
// Module size (px) a cropped candidate is rescaled to; ZXing is most reliable around here.
const CROP_MODULE_SIZES = [4, 6, 3];
const MAX_CANDIDATES = 4;

/** @type {ReaderOptions} */
const BASE_READER_OPTIONS = {
  // Receipts carry standard (model 2) QR codes; Micro QR and rMQR readers would only add false reads on noise.
  formats: ["QRCodeModel2"],
  tryHarder: true,
  // ZXing's QR detector is rotation-invariant; rotating the image again only costs time.
  tryRotate: false,
  tryInvert: true,
  // Scales are chosen here, explicitly.
  tryDownscale: false,
  textMode: "Plain",
  maxNumberOfSymbols: 8,
};

// The ZXing reader loads its .wasm from a CDN by default; there is no network on the server, so hand it the
// bytes from node_modules.
const require = createRequire(import.meta.url);
const wasmBinary = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
const ready = prepareZXingModule({
  overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) },
  fireImmediately: true,
});
// Buffers are handed in and out; libvips' operation cache would only hold on to memory between images.
sharp.cache(false);

/**
 * Minimal copy of the main thread's fiscal test, only to know when to stop searching (parsing is not done here).
 * @param {string} text
 */
function looksFiscal(text) {
  if (text.includes("://")) return false;
  const keys = new Set(text.split("&").map((part) => /** @type {string} */ (part.split("=")[0]).trim().toLowerCase()));
  return ["t", "s", "fn", "i", "fp", "n"].every((key) => keys.has(key));
}

// ---- Greyscale images: { data: Uint8Array, width, height } ----

/**
 * Decodes to one greyscale channel at full resolution, in the stored orientation.
 * @param {Buffer} input
 * @param {import("sharp").Metadata} meta
 * @returns {Promise<GreyImage>}
 */
async function decodeGrey(input, meta) {
  // The colour profile is ignored: converting a phone's Display P3 photo to sRGB costs more than decoding it,
  // and QR modules are black and white either way.
  let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "none", ignoreIcc: true });
  // Transparent areas become white paper, not the black their RGB often is.
  if (meta.hasAlpha) pipeline = pipeline.flatten({ background: "#ffffff" });
  if (meta.space === "cmyk") pipeline = pipeline.toColourspace("srgb");
  // One channel straight from libvips: green for colour images (close to luma and far cheaper than a
  // colourspace conversion), the only one for greyscale images.
  const colour = meta.space === "cmyk" || (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) >= 3;
  const { data, info } = await pipeline.extractChannel(colour ? 1 : 0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Applies an EXIF orientation (1–8) to a greyscale image. Only pyramid levels that are read get this, not the
 * full-resolution image: cheaper, and ZXing finds a symbol in any orientation anyway.
 * @param {GreyImage} image
 * @param {number} orientation
 * @returns {GreyImage}
 */
function orient(image, orientation) {
  if (!(orientation >= 2 && orientation <= 8)) return image;
  const { data, width: w, height: h } = image;
  const swap = orientation >= 5;
  const W = swap ? h : w, H = swap ? w : h;
  // The source index is affine in (x, y): find it from three points, then step through.
  /** @type {(x: number, y: number) => number} */
  const index = (x, y) => {
    const [sx, sy] = sourcePoint(x, y, w - 1, h - 1, orientation);
    return sy * w + sx;
  };
  const origin = index(0, 0), stepX = index(1, 0) - origin, stepY = index(0, 1) - origin;
  const out = new Uint8Array(W * H);
  for (let y = 0, o = 0; y < H; y++) {
    for (let x = 0, i = origin + y * stepY; x < W; x++, i += stepX) out[o++] = /** @type {number} */ (data[i]);
  }
  return { data: out, width: W, height: H };
}

/**
 * Where point (x, y) of the oriented image lies in the stored one; `maxX`, `maxY` are the stored extents.
 * @param {number} x
 * @param {number} y
 * @param {number} maxX
 * @param {number} maxY
 * @param {number} orientation
 * @returns {[number, number]}
 */
function sourcePoint(x, y, maxX, maxY, orientation) {
  switch (orientation) {
    case 2: return [maxX - x, y];
    case 3: return [maxX - x, maxY - y];
    case 4: return [x, maxY - y];
    case 5: return [y, x];
    case 6: return [y, maxY - x];
    case 7: return [maxX - y, maxY - x];
    case 8: return [maxX - y, x];
    default: return [x, y];
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Halves an image with a 2 x 2 box filter. It runs on every 12 MP photo, hence the fast path reading four
 * pixels per 32-bit word (two pair sums per add, in 16-bit lanes).
 * @param {GreyImage} image
 * @returns {GreyImage}
 */
function halve(image) {
  const { data, width, height } = image;
  const W = width >> 1, H = height >> 1;
  const out = new Uint8Array(W * H);
  if (LITTLE_ENDIAN && width % 4 === 0 && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, (width * height) >> 2);
    const rowWords = width >> 2;
    for (let y = 0; y < H; y++) {
      let a = 2 * y * rowWords, b = a + rowWords, o = y * W;
      for (let x = 0; x < rowWords; x++, a++, b++, o += 2) {
        const u = /** @type {number} */ (words[a]), v = /** @type {number} */ (words[b]);
        const sums = (u & 0x00ff00ff) + ((u >>> 8) & 0x00ff00ff) + (v & 0x00ff00ff) + ((v >>> 8) & 0x00ff00ff);
        out[o] = ((sums & 0xffff) + 2) >> 2;
        out[o + 1] = ((sums >>> 16) + 2) >> 2;
      }
    }
    return { data: out, width: W, height: H };
  }
  for (let y = 0; y < H; y++) {
    let a = 2 * y * width, b = a + width;
    const o = y * W;
    for (let x = 0; x < W; x++, a += 2, b += 2) out[o + x] = (/** @type {number} */ (data[a]) + /** @type {number} */ (data[a + 1]) + /** @type {number} */ (data[b]) + /** @type {number} */ (data[b + 1]) + 2) >> 2;
  }
  return { data: out, width: W, height: H };
}

/**
 * Box-filter downscale by an integer factor.
 * @param {GreyImage} image
 * @param {number} factor
 * @returns {GreyImage}
 */
function shrinkBy(image, factor) {
  if (factor <= 1) return image;
  const { data, width, height } = image;
  const W = Math.floor(width / factor), H = Math.floor(height / factor);
  const out = new Uint8Array(W * H);
  const sums = new Uint32Array(W);
  const inverseArea = 1 / (factor * factor);
  for (let y = 0; y < H; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (y * factor + dy) * width;
      for (let x = 0; x < W; x++) {
        let sum = 0;
        for (let dx = 0; dx < factor; dx++) sum += /** @type {number} */ (data[i++]);
        sums[x] = /** @type {number} */ (sums[x]) + sum;
      }
    }
    for (let x = 0; x < W; x++) out[y * W + x] = /** @type {number} */ (sums[x]) * inverseArea + 0.5;
  }
  return { data: out, width: W, height: H };
}

/** Crops `rect` (clamped to the image) and resamples it by `scale`: box filter for the integer part of a
 * reduction (so it does not alias), bilinear for the rest.
 * @param {GreyImage} image
 * @param {{ x0: number, y0: number, x1: number, y1: number }} rect
 * @param {number} scale
 * @returns {{ image: GreyImage, offsetX: number, offsetY: number, scale: number }} `scale`: output pixels per input pixel
 */
function cropScaled(image, rect, scale) {
  const x0 = Math.max(0, Math.floor(rect.x0)), y0 = Math.max(0, Math.floor(rect.y0));
  const x1 = Math.min(image.width, Math.ceil(rect.x1)), y1 = Math.min(image.height, Math.ceil(rect.y1));
  const box = Math.max(1, Math.floor(1 / scale));
  const src = shrinkBy(crop(image, x0, y0, x1 - x0, y1 - y0), box);
  const s = scale * box;
  const W = Math.max(1, Math.round(src.width * s)), H = Math.max(1, Math.round(src.height * s));
  const out = new Uint8Array(W * H);
  const { data, width, height } = src;
  for (let y = 0; y < H; y++) {
    const sy = Math.min(height - 1.001, Math.max(0, (y + 0.5) / s - 0.5));
    const yi = Math.floor(sy), fy = sy - yi;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(width - 1.001, Math.max(0, (x + 0.5) / s - 0.5));
      const xi = Math.floor(sx), fx = sx - xi, o = yi * width + xi;
      const below = yi + 1 < height ? width : 0, right = xi + 1 < width ? 1 : 0;
      out[y * W + x] = (/** @type {number} */ (data[o]) * (1 - fx) + /** @type {number} */ (data[o + right]) * fx) * (1 - fy) + (/** @type {number} */ (data[o + below]) * (1 - fx) + /** @type {number} */ (data[o + below + right]) * fx) * fy;
    }
  }
  return { image: { data: out, width: W, height: H }, offsetX: x0, offsetY: y0, scale: W / (x1 - x0) };
}

/**
 * @param {GreyImage} image
 * @param {number} left
 * @param {number} top
 * @param {number} width
 * @param {number} height
 * @returns {GreyImage}
 */
function crop(image, left, top, width, height) {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) out.set(image.data.subarray((top + y) * image.width + left, (top + y) * image.width + left + width), y * width);
  return { data: out, width, height };
}

/**
 * 3 x 3 box blur: takes the edge off JPEG noise and sensor grain before a retry.
 * @param {GreyImage} image
 * @returns {GreyImage}
 */
function smooth(image) {
  const { data, width: w, height: h } = image;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - 1), yb = Math.min(h - 1, y + 1);
    for (let x = 0; x < w; x++) {
      const xa = Math.max(0, x - 1), xb = Math.min(w - 1, x + 1);
      let sum = 0, n = 0;
      for (let yy = ya; yy <= yb; yy++) for (let xx = xa; xx <= xb; xx++) { sum += /** @type {number} */ (data[yy * w + xx]); n++; }
      out[y * w + x] = sum / n;
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * @param {GreyImage} image
 * @returns {Uint8Array}
 */
function toPgm(image) {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}

// ---- The search ----

class Search {
  /** @param {number} deadline */
  constructor(deadline) {
    this.deadline = deadline;
    /** @type {string[]} */
    this.texts = [];
    /** @type {Map<string, Quad>} where each text was read, full-resolution stored-orientation coordinates */
    this.quads = new Map();
    /** @type {{ width: number, height: number, orientation: number } | null} the frame `quads` are in */
    this.frame = null;
    /** @type {Quad[]} */
    this.decoded = []; // quads of read symbols, full-resolution coordinates
    /** @type {Candidate[]} */
    this.candidates = []; // { quad, version, seenModulePx } of symbols seen but not read
    this.budgetExhausted = false;
  }

  get fiscalFound() {
    return this.texts.some(looksFiscal);
  }

  /** @param {number} [reserveMs] */
  outOfTime(reserveMs = 0) {
    if (Date.now() + reserveMs < this.deadline) return false;
    this.budgetExhausted = true;
    return true;
  }

  /**
   * Reads `image`; `toFull` maps its coordinates to full resolution. Returns true if a fiscal code was read.
   * @param {GreyImage} image
   * @param {(p: Point) => Point} toFull
   * @returns {Promise<boolean>}
   */
  async read(image, toFull) {
    // ZXing-C++ reads PNM itself: cheaper than handing it RGBA it would convert back to grey.
    const results = await readBarcodes(toPgm(image), { ...BASE_READER_OPTIONS, returnErrors: true });
    for (const result of results) {
      const p = result.position;
      const quad = /** @type {Quad} */ ([p.topLeft, p.topRight, p.bottomRight, p.bottomLeft].map(toFull));
      if (result.isValid && result.text) {
        if (!this.texts.includes(result.text)) {
          this.texts.push(result.text);
          this.quads.set(result.text, quad);
        }
        this.decoded.push(quad);
      } else if (/^\d+$/.test(result.version)) {
        const version = Number(result.version);
        // Module size where it was seen: a close look only pays if full resolution has more to show.
        const seenModulePx = quadSize([p.topLeft, p.topRight, p.bottomRight, p.bottomLeft]) / (17 + 4 * version);
        this.candidates.push({ quad, version, seenModulePx });
      }
    }
    return this.fiscalFound;
  }

  /** Candidates that are not a symbol already read, nor a duplicate of each other (of those, the one seen at
   * the highest resolution: its corners are the most precise); biggest first.
   * @returns {Candidate[]}
   */
  pendingCandidates() {
    /** @type {Candidate[]} */
    const pending = [];
    for (const candidate of [...this.candidates].sort((a, b) => b.seenModulePx - a.seenModulePx)) {
      const c = centre(candidate.quad), size = quadSize(candidate.quad);
      /** @type {(quad: Quad) => boolean} */
      const near = (quad) => Math.hypot(centre(quad).x - c.x, centre(quad).y - c.y) < 0.35 * Math.max(size, quadSize(quad));
      if (this.decoded.some(near) || pending.some((other) => near(other.quad))) continue;
      pending.push(candidate);
    }
    return pending.sort((a, b) => quadSize(b.quad) - quadSize(a.quad)).slice(0, MAX_CANDIDATES);
  }
}

/**
 * @param {Quad} quad
 * @returns {Point}
 */
function centre(quad) {
  return { x: quad.reduce((s, p) => s + p.x, 0) / 4, y: quad.reduce((s, p) => s + p.y, 0) / 4 };
}

/**
 * The mean length of a quad's top and left sides.
 * @param {Quad} quad
 */
function quadSize(quad) {
  return (Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y) + Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)) / 2;
}

/** @type {(factor: number, dx?: number, dy?: number) => (p: Point) => Point} */
const scaleBy = (factor, dx = 0, dy = 0) => (p) => ({ x: p.x * factor + dx, y: p.y * factor + dy });

/** The upload is not an image libvips can open (not an image at all, truncated, too large). */
class UnreadableImage extends Error {}

/**
 * @param {Buffer} input
 * @param {number} deadline
 * @returns {Promise<Search>}
 */
async function decodeImage(input, deadline) {
  const search = new Search(deadline);
  /** @type {import("sharp").Metadata} */
  let meta;
  /** @type {GreyImage} */
  let full;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error("no dimensions");
    // Checked before any pixel is decoded: a few kilobytes of PNG can claim gigapixels.
    if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Error(`${meta.width} x ${meta.height} is too large`);
    // The image in its stored orientation and full resolution: the frame all coordinates are kept in.
    full = await decodeGrey(input, meta);
  } catch (error) {
    throw new UnreadableImage(String(/** @type {Thrown} */ (error)?.message ?? error));
  }
  const orientation = meta.orientation ?? 1;
  search.frame = { width: full.width, height: full.height, orientation };
  const done = () => search.fiscalFound || search.outOfTime();
  // Stop once something is read and nothing else was seen that might still be a (fiscal) code.
  const settled = () => done() || (search.texts.length > 0 && search.pendingCandidates().length === 0);

  /** @type {Level[]} */
  const levels = [{ image: full, factor: 1 }];
  while (Math.max(/** @type {Level} */ (levels.at(-1)).image.width, /** @type {Level} */ (levels.at(-1)).image.height) > QUICK_MAX_LONG_SIDE) {
    const last = /** @type {Level} */ (levels.at(-1));
    levels.push({ image: halve(last.image), factor: last.factor * 2 });
  }
  /** @type {(level: Level) => Promise<boolean>} */
  const readLevel = (level) => {
    const oriented = orient(level.image, orientation);
    const maxX = level.image.width, maxY = level.image.height;
    return search.read(oriented, (p) => {
      const [x, y] = sourcePoint(p.x, p.y, maxX, maxY, orientation);
      return { x: x * level.factor, y: y * level.factor };
    });
  };

  // 1. Quick look.
  const quick = /** @type {Level} */ (levels.at(-1));
  const large = levels.find((level) => level.image.width * level.image.height <= LARGE_MAX_PIXELS) ?? quick;
  if (quick !== large) {
    if (await readLevel(quick)) return search;
    if (settled()) return search;
  }

  // 2. Larger look: full resolution for screenshot-sized images (tiny codes), ~2000 px for camera photos.
  if (await readLevel(large)) return search;
  if (settled()) return search;

  // 3. Close look at each symbol seen but too small to read: cropped from full resolution and rescaled (up,
  // for tiny codes) to a module size ZXing reads well. Crops stay in the stored orientation: ZXing does not
  // mind, and coordinates stay simple.
  for (const candidate of search.pendingCandidates()) {
    if (done()) return search;
    const size = quadSize(candidate.quad);
    const modules = 17 + 4 * candidate.version;
    const fullModulePx = size / modules;
    if (candidate.seenModulePx >= 4 || (fullModulePx < 1.5 * candidate.seenModulePx && fullModulePx >= 3)) continue;
    const xs = candidate.quad.map((p) => p.x), ys = candidate.quad.map((p) => p.y);
    const margin = 0.25 * size;
    const rect = { x0: Math.min(...xs) - margin, y0: Math.min(...ys) - margin, x1: Math.max(...xs) + margin, y1: Math.max(...ys) + margin };
    for (const moduleSize of CROP_MODULE_SIZES) {
      const { image, offsetX, offsetY, scale } = cropScaled(full, rect, Math.min(4, moduleSize / fullModulePx));
      const toFull = scaleBy(1 / scale, offsetX, offsetY);
      if (await search.read(image, toFull)) return search;
      if (await search.read(smooth(image), toFull)) return search;
      if (done()) return search;
    }
  }
  if (settled()) return search;

  // 4. Bent-grid fit for symbols that still resist (curled or creased receipts), on the smallest pyramid
  // level where a module still spans 5 px or more (the fit needs no more, and touches fewer pixels).
  for (const candidate of search.pendingCandidates()) {
    if (search.outOfTime(150)) return search;
    const modulePx = quadSize(candidate.quad) / (17 + 4 * candidate.version);
    const level = levels.findLast((l) => modulePx / l.factor >= 5) ?? /** @type {Level} */ (levels[0]);
    const quad = /** @type {Quad} */ (candidate.quad.map((p) => ({ x: p.x / level.factor, y: p.y / level.factor })));
    for (const { size, bits } of fitBentGrid(level.image, quad, candidate.version)) {
      const results = await readBarcodes(renderSymbolPgm(size, bits), { ...BASE_READER_OPTIONS, tryHarder: false, tryInvert: false });
      for (const result of results) {
        if (!result.isValid || !result.text || search.texts.includes(result.text)) continue;
        search.texts.push(result.text);
        search.quads.set(result.text, candidate.quad);
      }
      if (results.some((result) => result.isValid) || search.outOfTime(100)) break;
    }
    if (search.fiscalFound) return search;
  }
  return search;
}

parentPort?.on("message", /** @param {{ id: number, image: Uint8Array, budgetMs: number }} message */ async (message) => {
  const { id, image, budgetMs } = message;
  const started = Date.now();
  try {
    await ready;
    const input = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
    const search = await decodeImage(input, started + budgetMs);
    // Each text's corners (null if unknown) and their frame: the moderator's viewer opens zoomed on the code.
    const quads = search.texts.map((text) => search.quads.get(text) ?? null);
    parentPort?.postMessage({ id, texts: search.texts, quads, frame: search.frame, budgetExhausted: search.budgetExhausted });
  } catch (error) {
    const thrown = /** @type {Thrown} */ (error);
    const reason = String(thrown?.message ?? error).slice(0, 300);
    if (error instanceof UnreadableImage) parentPort?.postMessage({ id, texts: [], budgetExhausted: false, unreadable: reason });
    else parentPort?.postMessage({ id, texts: [], budgetExhausted: false, failed: String(thrown?.stack ?? error).slice(0, 2000) });
  }
});

/**
 * Runs the whole search, bent-grid fit included, on a synthetic unreadable symbol so that the JavaScript is
 * compiled and optimised before the first real upload (a cold fit is several times slower).
 */
async function warmUp() {
  const { size, map } = functionPatterns(4);
  let seed = 12345;
  const bits = map.map((fixed) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return fixed === -1 ? (seed >> 16) & 1 : fixed;
  });
  const scale = 6;
  const pgm = renderSymbolPgm(size, bits, scale);
  const side = (size + 8) * scale;
  /** @type {GreyImage} */
  const symbol = { data: pgm.subarray(pgm.length - side * side), width: side, height: side };
  const png = await sharp(symbol.data, { raw: { width: side, height: side, channels: 1 } })
    .extend({ top: 300, bottom: 900, left: 200, right: 200, background: "#ffffff" })
    .png()
    .toBuffer();
  await decodeImage(png, Date.now() + 1000);
  /** @type {Quad} */
  const quad = [
    { x: 4 * scale, y: 4 * scale },
    { x: (size + 4) * scale, y: 4 * scale },
    { x: (size + 4) * scale, y: (size + 4) * scale },
    { x: 4 * scale, y: (size + 4) * scale },
  ];
  for (let i = 0; i < 2; i++) for (const stage of fitBentGrid(symbol, quad, 4)) void stage;
}

ready
  .then(() => warmUp())
  .then(
    () => parentPort?.postMessage({ ready: true }),
    (error) => parentPort?.postMessage({ ready: false, error: String(error?.stack ?? error) }),
  );
