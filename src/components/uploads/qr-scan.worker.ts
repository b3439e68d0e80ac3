// The live receipt scanner's decoder (receipt-scanner.tsx): jsQR on a downscaled camera frame, off the main
// thread so the preview and the page stay smooth, and the fiscal QR rules (src/lib/fiscal-qr.ts) applied to
// what it read, so only a receipt's own code makes the scanner take its photo.
import jsQR from "jsqr";
import { parseFiscalQr } from "@/lib/fiscal-qr";
import type { QrScanReply, QrScanRequest } from "./qr-scan-protocol";

// The worker's global scope, typed without the "webworker" lib (the project compiles against "dom").
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<QrScanRequest>) => void) | null;
  postMessage(message: QrScanReply): void;
};

scope.onmessage = (event) => {
  const { id, width, height, pixels } = event.data;
  // A fresh options object each call: jsqr 1.4 lets options leak between calls.
  const found = jsQR(new Uint8ClampedArray(pixels), width, height, { inversionAttempts: "attemptBoth" });
  if (!found?.data) {
    scope.postMessage({ id, seen: "NONE" });
    return;
  }
  // A damaged fiscal code ("MALFORMED") is still the receipt's: its photo goes up and the server explains.
  const parsed = parseFiscalQr(found.data);
  scope.postMessage({ id, seen: parsed.ok || parsed.problem === "MALFORMED" ? "FISCAL" : "OTHER" });
};
