import "server-only";
import { qrDecodeDuration } from "@/server/observability/metrics";
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
  const startedAt = performance.now();
  const seconds = () => (performance.now() - startedAt) / 1000;
  try {
    const result = await pool().decode(image, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    qrDecodeDuration().observe({ outcome: decodeOutcome(result) }, seconds());
    return result;
  } catch (error) {
    qrDecodeDuration().observe({ outcome: "error" }, seconds());
    throw error;
  }
}

function decodeOutcome(result: QrDecodeResult): string {
  if (result.unreadableImage) return "unreadable";
  if (result.fiscalText) return "fiscal";
  if (result.timedOut) return "timed_out";
  return result.texts.length > 0 ? "other_code" : "none";
}

/**
 * Starts the decoding workers ahead of the first upload (they take about a second to load ZXing and warm up).
 * Optional: without it the first upload waits for them, outside its decoding budget.
 */
export async function warmUpReceiptQrDecoder(): Promise<void> {
  await pool().warmUp();
}
