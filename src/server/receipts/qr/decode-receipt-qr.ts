import "server-only";
import { DEFAULT_TIMEOUT_MS, QrDecoderPool, type QrDecodeResult } from "./qr-decoder-pool";

export type { QrDecodeResult };

// One pool per server process. Kept on globalThis so that `next dev` reloading this module does not leave
// orphaned workers behind.
const globalState = globalThis as unknown as { receiptQrDecoderPool?: QrDecoderPool };

function pool(): QrDecoderPool {
  globalState.receiptQrDecoderPool ??= new QrDecoderPool();
  return globalState.receiptQrDecoderPool;
}

/**
 * Finds and reads the QR codes in an uploaded receipt image (any phone photo or screenshot: EXIF orientation,
 * rotation, blur, glare, low contrast, dark mode, curled paper). Runs in a worker thread, never on the
 * request's event loop, and resolves within `timeoutMs` (default 2 s) whatever the image: past it the worker
 * is terminated and replaced and the result has `timedOut: true`.
 *
 * `fiscalText` is the code that parses as a fiscal receipt (preferred when there are several); `texts` lists
 * every code read, so a non-fiscal one can be explained to the shopper.
 */
export async function decodeReceiptQr(image: Buffer, options: { timeoutMs?: number } = {}): Promise<QrDecodeResult> {
  return pool().decode(image, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}

/**
 * Starts the decoding workers ahead of the first upload (they take about a second to load ZXing and warm up).
 * Optional: without it the first upload waits for them, outside its decoding budget.
 */
export async function warmUpReceiptQrDecoder(): Promise<void> {
  await pool().warmUp();
}
