// Messages between the live receipt scanner (receipt-scanner.tsx) and its decoding worker (qr-scan.worker.ts).

export interface QrScanRequest {
  /** Matches the reply to its frame. */
  id: number;
  width: number;
  height: number;
  /** RGBA bytes of the downscaled frame, transferred (not copied) to the worker. */
  pixels: ArrayBuffer;
}

export interface QrScanReply {
  id: number;
  /** FISCAL: a receipt's QR code; OTHER: some other QR code; NONE: no code found in the frame. */
  seen: "FISCAL" | "OTHER" | "NONE";
}

/** Frames are decoded at most this long on their long side: enough for a receipt's QR held near the camera, cheap to decode. */
export const SCAN_FRAME_MAX_SIDE = 640;

export const NOT_A_RECEIPT_QR = "Это не QR чека. Наведите камеру на QR-код, напечатанный на самом чеке.";
