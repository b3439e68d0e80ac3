// @ts-check
// Plain JavaScript on purpose, so not `server-only`: loaded by the decoding worker at run time, outside any bundler (see
// decode-receipt-qr.ts). No dependencies. Type-checked by tsc through the JSDoc types (// @ts-check):
// typed-array reads carry a `@type {number}` cast where the loop bounds keep them in range, which
// noUncheckedIndexedAccess cannot see.
//
// Rescue for a QR symbol that ZXing found but could not decode. ZXing samples the module grid through one
// perspective transform fitted to the finder and alignment patterns; a curled or creased receipt bends the
// grid, so modules far from those anchors are read from the wrong place and Reed–Solomon gives up. Here the
// grid is a perspective transform plus a smooth displacement field (bilinear over a coarse control lattice),
// fitted to the image by maximising how cleanly each module reads as dark or light (and how well the known
// function patterns match). The resulting bit matrix is rendered as a clean symbol for ZXing to decode, so
// error correction and every integrity check stay ZXing's: a bad fit yields no text, never a wrong one.

/** @typedef {{ data: Uint8Array, width: number, height: number }} GreyImage one byte per pixel, row by row */
/** @typedef {{ x: number, y: number }} Point */
/** @typedef {[Point, Point, Point, Point]} Quad a symbol's corners, in symbol order TL, TR, BR, BL */
/** @typedef {{ size: number, bits: Uint8Array }} SymbolBits a size x size bit matrix, 1 = dark */
/** @typedef {[number, number, number, number, number, number, number, number]} Homography coefficients a–h */
/** @typedef {{ lattice: number, steps: number[], every?: number }} FitStage see DEFAULT_SCHEDULE */
/**
 * A stage's fitted displacement field: the module bits it reads, and the displacement at (u, v) in modules.
 * @typedef {{ bits: Uint8Array, at: (u: number, v: number) => [number, number] }} FittedField
 */
/**
 * What evaluateModules reads: the lattice (K x K, each module's corner index and four bilinear weights), the
 * displacement of each control point, every sub-sample's base position, the contrast image (W x H, > 0 reads
 * dark) and the function-pattern map.
 * @typedef {{ K: number, W: number, H: number, corner: Int32Array, weights: Float64Array, dispX: Float64Array, dispY: Float64Array,
 *   baseX: Float64Array, baseY: Float64Array, contrast: Float32Array, fixed: Int8Array }} Grid
 */

/** Alignment pattern centre coordinates per version (ISO/IEC 18004 Annex E). @type {number[][]} */
const ALIGNMENT_CENTRES = [
  [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
  [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78],
  [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90], [6, 28, 50, 72, 94], [6, 26, 50, 74, 98],
  [6, 30, 54, 78, 102], [6, 28, 54, 80, 106], [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
  [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130], [6, 30, 56, 82, 108, 134],
  [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142], [6, 34, 62, 90, 118, 146], [6, 30, 54, 78, 102, 126, 150],
  [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158], [6, 32, 58, 84, 110, 136, 162],
  [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
];

/**
 * The modules whose colour every QR symbol of this version has: finders with separators, timing patterns,
 * alignment patterns, the dark module. -1 = data/format/version module, 0 = light, 1 = dark.
 * @param {number} version
 * @returns {{ size: number, map: Int8Array }}
 */
export function functionPatterns(version) {
  const size = 17 + 4 * version;
  const map = new Int8Array(size * size).fill(-1);
  /** @type {(x: number, y: number, value: number) => void} */
  const set = (x, y, value) => {
    if (x >= 0 && y >= 0 && x < size && y < size) map[y * size + x] = value;
  };
  for (const [fx, fy] of /** @type {const} */ ([[0, 0], [size - 7, 0], [0, size - 7]])) {
    for (let y = -1; y <= 7; y++) {
      for (let x = -1; x <= 7; x++) {
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        set(fx + x, fy + y, ring === 4 || ring === 2 ? 0 : 1);
      }
    }
  }
  for (let i = 8; i < size - 8; i++) {
    set(i, 6, i % 2 === 0 ? 1 : 0);
    set(6, i, i % 2 === 0 ? 1 : 0);
  }
  const centres = ALIGNMENT_CENTRES[version] ?? [];
  for (const ay of centres) {
    for (const ax of centres) {
      if ((ax === 6 && ay === 6) || (ax === 6 && ay === size - 7) || (ax === size - 7 && ay === 6)) continue;
      for (let y = -2; y <= 2; y++) {
        for (let x = -2; x <= 2; x++) set(ax + x, ay + y, Math.max(Math.abs(x), Math.abs(y)) === 1 ? 0 : 1);
      }
    }
  }
  set(8, size - 8, 1);
  return { size, map };
}

/**
 * Perspective transform taking the unit square (0,0) (1,0) (1,1) (0,1) to the quad [x0,y0, … x3,y3].
 * @param {Homography} q the quad's eight coordinates (same length as the result)
 * @returns {Homography}
 */
function squareToQuad(q) {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = q;
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h];
}

// Where each module is sampled, in module units from its centre: the centre and four points around it, so a
// grid sitting on module edges scores worse than one sitting on module centres.
/** @type {[number, number][]} */
const SUB_SAMPLES = [[0, 0], [-0.25, -0.25], [0.25, -0.25], [-0.25, 0.25], [0.25, 0.25]];
const S = SUB_SAMPLES.length;

// Coarse to fine: a 3 x 3 lattice follows a curl across the whole symbol, a 5 x 5 one local waviness. Steps
// are in modules. The coarse stage looks at every other module in each direction (plus the function
// patterns): a 3 x 3 field is too smooth to need more, and it is four times cheaper.
/** @type {FitStage[]} */
const DEFAULT_SCHEDULE = [
  { lattice: 3, steps: [1, 0.5], every: 2 },
  { lattice: 5, steps: [0.25] },
];

/**
 * Fits a bent module grid to a symbol ZXing located but could not decode.
 * @param {GreyImage} image greyscale
 * @param {Quad} quad the symbol's corners in `image`, in symbol order TL, TR, BR, BL
 * @param {number} version QR version (1–40) ZXing read from the symbol
 * @param {{ schedule?: FitStage[] }} [options]
 * @returns {Generator<SymbolBits, void, unknown>} the bit matrix (1 = dark) after each stage, coarse first:
 *   the caller stops as soon as one decodes, sparing the finer (costlier) stages
 */
export function* fitBentGrid(image, quad, version, { schedule = DEFAULT_SCHEDULE } = {}) {
  if (!Number.isInteger(version) || version < 1 || version > 40) return;
  const { size: N, map: fixed } = functionPatterns(version);
  const side = (Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y) + Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)) / 2;
  const modulePx = side / N;
  if (!(modulePx >= 1.5)) return;

  // Region of interest, box-downsampled so a module spans ~5 px: less noise and fewer pixels to touch.
  const k = Math.max(1, Math.floor(modulePx / 5));
  const pad = 3 * modulePx;
  const xs = quad.map((p) => p.x), ys = quad.map((p) => p.y);
  const rx0 = Math.max(0, Math.floor(Math.min(...xs) - pad)), ry0 = Math.max(0, Math.floor(Math.min(...ys) - pad));
  const rx1 = Math.min(image.width, Math.ceil(Math.max(...xs) + pad)), ry1 = Math.min(image.height, Math.ceil(Math.max(...ys) + pad));
  const W = Math.floor((rx1 - rx0) / k), H = Math.floor((ry1 - ry0) / k);
  if (W < 8 || H < 8) return;
  const roi = new Float32Array(W * H);
  const inverseArea = 1 / (k * k);
  for (let y = 0; y < H; y++) {
    const out = y * W;
    for (let dy = 0; dy < k; dy++) {
      let i = (ry0 + y * k + dy) * image.width + rx0;
      for (let x = 0; x < W; x++) {
        let sum = 0;
        for (let dx = 0; dx < k; dx++) sum += /** @type {number} */ (image.data[i++]);
        roi[out + x] = /** @type {number} */ (roi[out + x]) + sum;
      }
    }
    for (let x = 0; x < W; x++) roi[out + x] = /** @type {number} */ (roi[out + x]) * inverseArea;
  }
  // Threshold surface: the local mean over ~6 modules, so glare and shadows do not flip modules.
  const mp = modulePx / k;
  const r = Math.max(2, Math.round(3 * mp));
  const integral = new Float64Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let rowSum = 0;
    for (let x = 0; x < W; x++) {
      rowSum += /** @type {number} */ (roi[y * W + x]);
      integral[(y + 1) * (W + 1) + x + 1] = /** @type {number} */ (integral[y * (W + 1) + x + 1]) + rowSum;
    }
  }
  // Stored as threshold minus pixel, so > 0 reads dark.
  const contrast = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const ya = Math.max(0, y - r), yb = Math.min(H, y + r + 1);
    for (let x = 0; x < W; x++) {
      const xa = Math.max(0, x - r), xb = Math.min(W, x + r + 1);
      const total = /** @type {number} */ (integral[yb * (W + 1) + xb]) - /** @type {number} */ (integral[ya * (W + 1) + xb]) - /** @type {number} */ (integral[yb * (W + 1) + xa]) + /** @type {number} */ (integral[ya * (W + 1) + xa]);
      contrast[y * W + x] = total / ((xb - xa) * (yb - ya)) - /** @type {number} */ (roi[y * W + x]);
    }
  }

  // Every sub-sample's position under the perspective transform alone; the displacement field is added on top.
  const T = squareToQuad(/** @type {Homography} */ (quad.flatMap((p) => [(p.x - rx0) / k, (p.y - ry0) / k])));
  const baseX = new Float64Array(N * N * S), baseY = new Float64Array(N * N * S);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      const m = j * N + i;
      for (let s = 0; s < S; s++) {
        const sub = /** @type {[number, number]} */ (SUB_SAMPLES[s]);
        const un = (i + 0.5 + sub[0]) / N, vn = (j + 0.5 + sub[1]) / N;
        const w = T[6] * un + T[7] * vn + 1;
        baseX[m * S + s] = (T[0] * un + T[1] * vn + T[2]) / w;
        baseY[m * S + s] = (T[3] * un + T[4] * vn + T[5]) / w;
      }
    }
  }

  // Light-on-dark symbols (dark-mode screens, negatives): if the function patterns read inverted under the
  // initial transform, flip the contrast so dark modules again read > 0.
  let agreement = 0;
  for (let m = 0; m < N * N; m++) {
    if (fixed[m] === -1) continue;
    const x = /** @type {number} */ (baseX[m * S]), y = /** @type {number} */ (baseY[m * S]);
    if (!(x >= 0 && y >= 0 && x < W - 1 && y < H - 1)) continue;
    const value = /** @type {number} */ (contrast[Math.round(y) * W + Math.round(x)]);
    agreement += fixed[m] === 1 ? value : -value;
  }
  if (agreement < 0) for (let p = 0; p < W * H; p++) contrast[p] = -/** @type {number} */ (contrast[p]);

  /** @type {FittedField | null} */
  let field = null; // the previous stage's fitted field
  for (const stage of schedule) {
    field = fitStage(stage, field);
    yield { size: N, bits: field.bits };
  }

  // One coarse-to-fine stage: a K x K control lattice (initialised from the previous stage's field), each
  // control point moved in turn while that improves the score of the modules it influences.
  /**
   * @param {FitStage} stage
   * @param {FittedField | null} previous
   * @returns {FittedField}
   */
  function fitStage({ lattice: K, steps, every = 1 }, previous) {
    const cell = N / (K - 1);
    // Each module's bilinear weights on the lattice (the field is smooth: one displacement per module).
    const corner = new Int32Array(N * N);
    const weights = new Float64Array(N * N * 4);
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const m = j * N + i;
        const gu = Math.min(K - 1.0001, (i + 0.5) / cell), gv = Math.min(K - 1.0001, (j + 0.5) / cell);
        const iu = Math.floor(gu), iv = Math.floor(gv), fu = gu - iu, fv = gv - iv;
        corner[m] = iv * K + iu;
        weights[m * 4] = (1 - fu) * (1 - fv);
        weights[m * 4 + 1] = fu * (1 - fv);
        weights[m * 4 + 2] = (1 - fu) * fv;
        weights[m * 4 + 3] = fu * fv;
      }
    }
    const dispX = new Float64Array(K * K), dispY = new Float64Array(K * K);
    if (previous) {
      for (let cv = 0; cv < K; cv++) {
        for (let cu = 0; cu < K; cu++) {
          const [x, y] = previous.at(cu * cell, cv * cell);
          dispX[cv * K + cu] = x;
          dispY[cv * K + cu] = y;
        }
      }
    }
    /** @type {FittedField["at"]} */
    const at = (u, v) => {
      const gu = Math.min(K - 1.0001, Math.max(0, u / cell)), gv = Math.min(K - 1.0001, Math.max(0, v / cell));
      const iu = Math.floor(gu), iv = Math.floor(gv), fu = gu - iu, fv = gv - iv, c = iv * K + iu;
      const w0 = (1 - fu) * (1 - fv), w1 = fu * (1 - fv), w2 = (1 - fu) * fv, w3 = fu * fv;
      return [
        /** @type {number} */ (dispX[c]) * w0 + /** @type {number} */ (dispX[c + 1]) * w1 + /** @type {number} */ (dispX[c + K]) * w2 + /** @type {number} */ (dispX[c + K + 1]) * w3,
        /** @type {number} */ (dispY[c]) * w0 + /** @type {number} */ (dispY[c + 1]) * w1 + /** @type {number} */ (dispY[c + K]) * w2 + /** @type {number} */ (dispY[c + K + 1]) * w3,
      ];
    };

    /** @type {Grid} */
    const grid = { K, W, H, corner, weights, dispX, dispY, baseX, baseY, contrast, fixed };
    const darkness = new Float32Array(N * N);
    const score = new Float32Array(N * N);
    const all = new Int32Array(N * N).map((_, m) => m);
    evaluateModules(grid, all, darkness, score);

    /** @type {Int32Array[]} */
    const supports = [];
    for (let cv = 0; cv < K; cv++) {
      for (let cu = 0; cu < K; cu++) {
        const u0 = Math.max(0, Math.floor((cu - 1) * cell)), u1 = Math.min(N, Math.ceil((cu + 1) * cell));
        const v0 = Math.max(0, Math.floor((cv - 1) * cell)), v1 = Math.min(N, Math.ceil((cv + 1) * cell));
        const list = [];
        for (let j = v0; j < v1; j++) {
          for (let i = u0; i < u1; i++) if ((i % every === 0 && j % every === 0) || fixed[j * N + i] !== -1) list.push(j * N + i);
        }
        supports.push(Int32Array.from(list));
      }
    }
    const trialDark = new Float32Array(N * N), trialScore = new Float32Array(N * N);
    /** Moves control point `c` by (mx, my) and keeps the move if it raises the score of `modules` above `base`. @type {(c: number, modules: Int32Array, base: number, mx: number, my: number) => number} */
    const tryMove = (c, modules, base, mx, my) => {
      dispX[c] = /** @type {number} */ (dispX[c]) + mx;
      dispY[c] = /** @type {number} */ (dispY[c]) + my;
      const trial = evaluateModules(grid, modules, trialDark, trialScore);
      if (trial > base + 1e-3) {
        for (let n = 0; n < modules.length; n++) {
          const m = /** @type {number} */ (modules[n]);
          darkness[m] = /** @type {number} */ (trialDark[m]);
          score[m] = /** @type {number} */ (trialScore[m]);
        }
        return trial;
      }
      dispX[c] = /** @type {number} */ (dispX[c]) - mx;
      dispY[c] = /** @type {number} */ (dispY[c]) - my;
      return base;
    };
    for (const step of steps) {
      const stepPx = step * mp;
      for (let sweep = 0; sweep < 2; sweep++) {
        let improved = false;
        for (let c = 0; c < K * K; c++) {
          const modules = /** @type {Int32Array} */ (supports[c]);
          let base = 0;
          for (let n = 0; n < modules.length; n++) base += /** @type {number} */ (score[/** @type {number} */ (modules[n])]);
          const start = base;
          // Along each axis try one way, and the other only if the first did not help.
          let next = tryMove(c, modules, base, stepPx, 0);
          if (next === base) next = tryMove(c, modules, base, -stepPx, 0);
          base = next;
          next = tryMove(c, modules, base, 0, stepPx);
          if (next === base) next = tryMove(c, modules, base, 0, -stepPx);
          base = next;
          if (base > start) improved = true;
        }
        if (!improved) break;
      }
    }
    // The final read covers every module, also those the coarse stage skipped.
    evaluateModules(grid, all, darkness, score);
    const bits = new Uint8Array(N * N);
    for (let m = 0; m < N * N; m++) bits[m] = fixed[m] === -1 ? (/** @type {number} */ (darkness[m]) > 0 ? 1 : 0) : /** @type {number} */ (fixed[m]);
    return { bits, at };
  }
}

/**
 * Reads `modules` under the grid's current displacement field (the hot loop of the fit, kept top-level so it
 * is optimised once for all fits). A module's darkness is the local threshold minus its mean sample (> 0 =
 * dark); its score is how clearly it reads, known modules counting double and signed so that the grid cannot
 * slip by a whole module. Writes both per module and returns the summed score.
 * @param {Grid} grid
 * @param {Int32Array} modules
 * @param {Float32Array} darknessOut
 * @param {Float32Array} scoreOut
 * @returns {number}
 */
function evaluateModules(grid, modules, darknessOut, scoreOut) {
  const { K, W, H, corner, weights, dispX, dispY, baseX, baseY, contrast, fixed } = grid;
  let total = 0;
  for (let n = 0; n < modules.length; n++) {
    const m = /** @type {number} */ (modules[n]);
    const c = /** @type {number} */ (corner[m]), w = m * 4;
    const w0 = /** @type {number} */ (weights[w]), w1 = /** @type {number} */ (weights[w + 1]), w2 = /** @type {number} */ (weights[w + 2]), w3 = /** @type {number} */ (weights[w + 3]);
    const dx = /** @type {number} */ (dispX[c]) * w0 + /** @type {number} */ (dispX[c + 1]) * w1 + /** @type {number} */ (dispX[c + K]) * w2 + /** @type {number} */ (dispX[c + K + 1]) * w3;
    const dy = /** @type {number} */ (dispY[c]) * w0 + /** @type {number} */ (dispY[c + 1]) * w1 + /** @type {number} */ (dispY[c + K]) * w2 + /** @type {number} */ (dispY[c + K + 1]) * w3;
    let diff = 0, inside = true;
    for (let s = m * S, end = s + S; s < end; s++) {
      const x = /** @type {number} */ (baseX[s]) + dx, y = /** @type {number} */ (baseY[s]) + dy;
      if (!(x >= 0 && y >= 0 && x < W - 1 && y < H - 1)) {
        inside = false;
        break;
      }
      const xi = x | 0, yi = y | 0, fx = x - xi, fy = y - yi, o = yi * W + xi;
      diff += (/** @type {number} */ (contrast[o]) * (1 - fx) + /** @type {number} */ (contrast[o + 1]) * fx) * (1 - fy) + (/** @type {number} */ (contrast[o + W]) * (1 - fx) + /** @type {number} */ (contrast[o + W + 1]) * fx) * fy;
    }
    diff /= S;
    const f = fixed[m];
    // Sampling outside the region is never preferred.
    const value = !inside ? -1e6 : f === -1 ? Math.abs(diff) : f === 1 ? 2 * diff : -2 * diff;
    darknessOut[m] = inside ? diff : 0;
    scoreOut[m] = value;
    total += value;
  }
  return total;
}

/**
 * A bit matrix as a PGM image (ZXing-C++ reads PNM) with a 4-module quiet zone.
 * @param {number} size
 * @param {ArrayLike<number>} bits size x size, non-zero = dark
 * @param {number} [scale] pixels per module
 * @returns {Uint8Array}
 */
export function renderSymbolPgm(size, bits, scale = 4) {
  const side = (size + 8) * scale;
  const header = new TextEncoder().encode(`P5\n${side} ${side}\n255\n`);
  const out = new Uint8Array(header.length + side * side);
  out.set(header);
  out.fill(255, header.length);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      if (!bits[j * size + i]) continue;
      for (let y = 0; y < scale; y++) {
        const start = header.length + ((j + 4) * scale + y) * side + (i + 4) * scale;
        out.fill(0, start, start + scale);
      }
    }
  }
  return out;
}
