import { readFileSync } from "node:fs";
import path from "node:path";

// The shared fixtures live beside the repository: ../shared/fixtures.
export const FIXTURES_DIR = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "fixtures");

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
