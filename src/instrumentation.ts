// Runs once when a Next.js server process starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The web entry of a declared production (the container's, or portal-server.mjs run by hand) refuses an
  // unsafe configuration before it serves anything; scripts/start.ts has already checked its own runs.
  const { refuseUnsafeProduction } = await import("@/server/config/production-check");
  refuseUnsafeProduction(process.env, "[portal]");
  // Start the QR decoder's worker now, so the first receipt upload does not wait 1–2 s for it.
  const { warmUpReceiptQrDecoder } = await import("@/server/receipts/qr/decode-receipt-qr");
  warmUpReceiptQrDecoder().catch((error: unknown) => console.error("[qr] warming up the decoder failed", error));
}
