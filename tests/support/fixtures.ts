import { readFileSync } from "node:fs";
import path from "node:path";

// Test and bench images, kept in the repository (tests/fixtures/README.md says what they are).
export const FIXTURES_DIR = path.resolve(import.meta.dirname, "..", "fixtures");

export function reviewScreenshot(name: string): Buffer {
  return readFileSync(path.join(FIXTURES_DIR, "reviews", name));
}

export function receiptImage(name: string): Buffer {
  return readFileSync(path.join(FIXTURES_DIR, "receipts", name));
}

export function expectedReceiptText(name: string): string | null {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "receipts", "manifest.json"), "utf8")) as { file: string; expected: string | null }[];
  const entry = manifest.find((item) => item.file === name);
  if (!entry) throw new Error(`${name} is not in the receipts manifest`);
  return entry.expected;
}
