import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import sharp from "sharp";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";

// A receipt no journey has filed before: a fiscal QR code with a random fiscal drive, document and sign,
// drawn by zxing-wasm's writer (already a dependency, for decoding) on a white page as a phone would see it.

const require = createRequire(import.meta.url);
let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(require.resolve("zxing-wasm/writer").replace(/dist[\\/]cjs[\\/]writer[\\/]index\.js$/, "dist/writer/zxing_writer.wasm"));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
  prepared = true;
}

const digits = (length: number) => Array.from({ length }, (_, index) => (index === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10))).join("");

/** `t` is the purchase's local time (yesterday by default); `sum` in roubles. */
export async function freshReceipt(options: { sum?: string; at?: Date } = {}): Promise<{ file: { name: string; mimeType: string; buffer: Buffer }; fiscalDriveNumber: string; sumKopecks: number }> {
  prepare();
  const at = options.at ?? new Date(Date.now() - 86_400_000);
  const t = `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, "0")}${String(at.getUTCDate()).padStart(2, "0")}T1432`;
  const sum = options.sum ?? "899.00";
  const fiscalDriveNumber = `73804408${digits(8)}`;
  const text = `t=${t}&s=${sum}&fn=${fiscalDriveNumber}&i=${digits(5)}&fp=${digits(10)}&n=1`;
  const written = await writeBarcode(text, { format: "QRCode", scale: 10 });
  if (!written.image) throw new Error(`QR not written: ${written.error}`);
  const qr = Buffer.from(await written.image.arrayBuffer());
  const buffer = await sharp(qr).extend({ top: 200, bottom: 400, left: 150, right: 150, background: "#ffffff" }).jpeg({ quality: 90 }).toBuffer();
  return { file: { name: `receipt-${fiscalDriveNumber}.jpg`, mimeType: "image/jpeg", buffer }, fiscalDriveNumber, sumKopecks: Math.round(Number(sum) * 100) };
}
