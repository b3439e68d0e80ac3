import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

/**
 * A review "screenshot" no other request has: random blocks, so its perceptual hash is far from every other
 * picture's. A journey whose request must carry no fraud signal uses it (the same fixture filed by two
 * shoppers in one run links them: "shared-screenshot").
 */
export async function uniqueScreenshot(): Promise<string> {
  const bytes = await sharp(randomBytes(24 * 52 * 3), { raw: { width: 24, height: 52, channels: 3 } })
    .resize(720, 1560, { kernel: "nearest" })
    .png()
    .toBuffer();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "review-")), "review-unique.png");
  writeFileSync(file, bytes);
  return file;
}
