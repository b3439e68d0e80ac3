import "server-only";

// The fiscal QR rules live in src/lib/fiscal-qr.ts (pure, also read by the browser's live scanner); this
// path stays for the server's existing imports.
export * from "@/lib/fiscal-qr";
