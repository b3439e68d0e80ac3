// Images for bench:load: review screenshots (PNG and JPEG phone-screen shapes with text-like rows, each
// different) and receipt photos (a paper receipt with a fiscal QR in the ФНС format, each with its own
// fiscal drive, document number and sign, so no two requests share a receipt unless the bench wants it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import sharp from "sharp";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";
import { DAY_MS, moscowWallClock } from "../src/lib/moscow-time.ts";

export interface BenchImage {
  bytes: Buffer;
  name: string;
  type: string;
}

// The writer loads its .wasm from a CDN by default; hand it the bytes from node_modules (no network).
const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve("zxing-wasm/writer/zxing_writer.wasm"));
prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });

/** A phone screenshot of a review: 720×1560, a header bar, star row and text lines laid out by `seed`. */
export async function reviewScreenshot(seed: number): Promise<BenchImage> {
  const width = 720;
  const height = 1560;
  let state = seed * 2654435761 + 1;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const hue = Math.floor(random() * 360);
  const lines: string[] = [];
  for (let y = 320; y < height - 120; y += 34 + Math.floor(random() * 10)) {
    const lineWidth = 200 + Math.floor(random() * 440);
    lines.push(`<rect x="40" y="${y}" width="${lineWidth}" height="16" rx="4" fill="#555"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <rect width="100%" height="140" fill="hsl(${hue},60%,45%)"/>
    <circle cx="90" cy="230" r="50" fill="hsl(${(hue + 120) % 360},50%,60%)"/>
    <text x="170" y="245" font-size="34" font-family="sans-serif" fill="#222">Отзыв №${seed}</text>
    ${Array.from({ length: 5 }, (_, i) => `<polygon points="${180 + i * 44},280 ${190 + i * 44},300 ${170 + i * 44},300" fill="#f5a623"/>`).join("")}
    ${lines.join("")}
  </svg>`;
  const image = sharp(Buffer.from(svg));
  return seed % 2 === 0
    ? { bytes: await image.png().toBuffer(), name: `review-${seed}.png`, type: "image/png" }
    : { bytes: await image.jpeg({ quality: 85 }).toBuffer(), name: `review-${seed}.jpg`, type: "image/jpeg" };
}

/** The fiscal QR text of receipt `serial` (src/lib/fiscal-qr.ts): a sale, yesterday, Moscow time. */
export function fiscalQrText(serial: number, at = new Date()): string {
  const moscow = new Date(moscowWallClock(new Date(at.getTime() - DAY_MS)));
  const t = moscow.toISOString().slice(0, 16).replace(/[-:]/g, "");
  const kopecks = 10_000 + (serial % 90_000);
  const drive = `99990789${String(serial % 100_000_000).padStart(8, "0")}`;
  return `t=${t}&s=${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, "0")}&fn=${drive}&i=${1 + (serial % 99_999)}&fp=${1_000_000_000 + (serial % 999_999_999)}&n=1`;
}

/** A photo of a paper receipt: grey table, white slip with rows of text and the fiscal QR at its foot. */
export async function receiptPhoto(qrText: string): Promise<BenchImage> {
  const written = await writeBarcode(qrText, { format: "QRCode", scale: 6, options: "ecLevel=M" });
  if (!written.image) throw new Error(`the QR writer failed: ${written.error}`);
  const qr = await sharp(Buffer.from(await written.image.arrayBuffer())).resize({ width: 330 }).png().toBuffer();
  const rows = Array.from({ length: 18 }, (_, i) => `<rect x="${120 + (i % 3) * 10}" y="${150 + i * 30}" width="${260 + ((i * 53) % 300)}" height="12" fill="#333"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1300">
    <rect width="100%" height="100%" fill="#8a8f96"/>
    <rect x="90" y="60" width="720" height="1200" fill="#f4f2ec"/>
    <text x="330" y="120" font-size="30" font-family="monospace" fill="#222">КАССОВЫЙ ЧЕК</text>
    ${rows}
  </svg>`;
  const bytes = await sharp(Buffer.from(svg))
    .composite([{ input: qr, left: 285, top: 760 }])
    .jpeg({ quality: 88 })
    .toBuffer();
  return { bytes, name: "receipt.jpg", type: "image/jpeg" };
}
