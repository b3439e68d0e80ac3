// Runs once when a Next.js server process starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Start the QR decoder's worker now, so the first receipt upload does not wait 1–2 s for it.
  const { warmUpReceiptQrDecoder } = await import("@/server/receipts/qr/decode-receipt-qr");
  warmUpReceiptQrDecoder().catch((error: unknown) => console.error("[qr] warming up the decoder failed", error));
}
