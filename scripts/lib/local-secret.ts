import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./paths.ts";

/** A per-checkout NEXTAUTH_SECRET for local runs, generated once and kept in .data/ (never committed). */
export function localAuthSecret(): string {
  const file = path.join(DATA_DIR, "nextauth-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // First run: fall through and create it.
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
