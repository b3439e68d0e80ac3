import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { reviewScreenshot } from "../../../tests/support/fixtures";
import { NEAR_DUPLICATE_MAX_DISTANCE, hammingDistance, isNearDuplicate, perceptualHash } from "./perceptual-hash";

// The six review fixtures: three sites with the same layout, each in a light and a dark theme.
const SCREENSHOTS = [
  "review-01-irecommend.png",
  "review-02-irecommend-dark.jpg",
  "review-03-ozon.png",
  "review-04-ozon-dark.jpg",
  "review-05-wildberries.png",
  "review-06-wildberries-dark.jpg",
];

/** Copies a shopper (or a cheat) could upload of the same screenshot. */
const COPIES: Record<string, (bytes: Buffer, width: number) => Promise<Buffer>> = {
  "jpeg q50": (bytes) => sharp(bytes).flatten({ background: "#fff" }).jpeg({ quality: 50 }).toBuffer(),
  "jpeg q30": (bytes) => sharp(bytes).flatten({ background: "#fff" }).jpeg({ quality: 30 }).toBuffer(),
  "50% png": (bytes, width) => sharp(bytes).resize(Math.round(width / 2)).png().toBuffer(),
  "50% jpeg q60": (bytes, width) => sharp(bytes).flatten({ background: "#fff" }).resize(Math.round(width / 2)).jpeg({ quality: 60 }).toBuffer(),
  "400px jpeg q80": (bytes) => sharp(bytes).flatten({ background: "#fff" }).resize(400).jpeg({ quality: 80 }).toBuffer(),
  "webp q40": (bytes) => sharp(bytes).webp({ quality: 40 }).toBuffer(),
  "150% png": (bytes, width) => sharp(bytes).resize(Math.round(width * 1.5)).png().toBuffer(),
};

describe("perceptual hash of review screenshots", () => {
  const hashes = new Map<string, bigint>();
  const copyDistances: { name: string; copy: string; distance: number }[] = [];

  beforeAll(async () => {
    for (const name of SCREENSHOTS) {
      const bytes = reviewScreenshot(name);
      const { width = 0 } = await sharp(bytes).metadata();
      const hash = await perceptualHash(bytes);
      hashes.set(name, hash);
      for (const [copy, make] of Object.entries(COPIES)) {
        copyDistances.push({ name, copy, distance: hammingDistance(hash, await perceptualHash(await make(bytes, width))) });
      }
    }
  }, 120_000);

  it("keeps re-encoded and rescaled copies of each screenshot within the near-duplicate distance", () => {
    const table = SCREENSHOTS.map((name) => `${name}: ${copyDistances.filter((row) => row.name === name).map((row) => `${row.copy}=${row.distance}`).join(", ")}`);
    console.info(`copies (threshold ${NEAR_DUPLICATE_MAX_DISTANCE}):\n${table.join("\n")}`);
    for (const row of copyDistances) {
      expect(row.distance, `${row.name} as ${row.copy}`).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it("puts the six different screenshots well outside it, even on the same site and theme", () => {
    const rows: string[] = [];
    for (const [i, a] of SCREENSHOTS.entries()) {
      rows.push(`${a.padEnd(32)} ${SCREENSHOTS.map((b) => String(hammingDistance(hashes.get(a)!, hashes.get(b)!)).padStart(3)).join("")}`);
      for (const b of SCREENSHOTS.slice(i + 1)) {
        const distance = hammingDistance(hashes.get(a)!, hashes.get(b)!);
        expect(distance, `${a} vs ${b}`).toBeGreaterThan(2 * NEAR_DUPLICATE_MAX_DISTANCE);
        expect(isNearDuplicate(hashes.get(a)!, hashes.get(b)!)).toBe(false);
      }
    }
    console.info(`different screenshots:\n${rows.join("\n")}`);
  });

  it("does not flag another review on the same site and theme that differs only in its text", async () => {
    // The fixtures share one layout: pasting another review's body (y 700–940) or name (y 490–570) into a
    // screenshot makes a different review with the same header, title, stars and photo box.
    async function withBandsOf(base: string, donor: string, bands: [number, number][]) {
      const flat = (name: string) => sharp(reviewScreenshot(name)).flatten({ background: "#fff" });
      const pieces = await Promise.all(
        bands.map(async ([top, bottom]) => ({ input: await flat(donor).extract({ left: 0, top, width: 1080, height: bottom - top }).png().toBuffer(), left: 0, top })),
      );
      return flat(base).composite(pieces).png().toBuffer();
    }
    const cases: [string, string, [number, number][]][] = [
      ["review-01-irecommend.png", "review-03-ozon.png", [[700, 940]]],
      ["review-03-ozon.png", "review-05-wildberries.png", [[700, 940]]],
      ["review-04-ozon-dark.jpg", "review-06-wildberries-dark.jpg", [[700, 940]]],
      ["review-01-irecommend.png", "review-05-wildberries.png", [[490, 570], [700, 940]]],
    ];
    const distances: string[] = [];
    for (const [base, donor, bands] of cases) {
      const distance = hammingDistance(hashes.get(base)!, await perceptualHash(await withBandsOf(base, donor, bands)));
      distances.push(`${base} with text of ${donor}: ${distance}`);
      expect(distance, `${base} with text of ${donor}`).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
    console.info(`same layout, other text:\n${distances.join("\n")}`);
  });

  it("is deterministic and fits a signed 64-bit Postgres bigint", async () => {
    const bytes = reviewScreenshot(SCREENSHOTS[0]!);
    const hash = await perceptualHash(bytes);
    expect(await perceptualHash(bytes)).toBe(hash);
    expect(await perceptualHash(sharp(bytes))).toBe(hash);
    for (const value of hashes.values()) {
      expect(value).toBeGreaterThanOrEqual(-(2n ** 63n));
      expect(value).toBeLessThan(2n ** 63n);
    }
  });

  it("hashes what the shopper sees: EXIF orientation is applied first", async () => {
    const upright = await sharp(reviewScreenshot(SCREENSHOTS[2]!)).resize(540).png().toBuffer();
    // The same picture stored sideways with EXIF orientation 6 ("rotate 90° clockwise to display").
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    expect(hammingDistance(await perceptualHash(upright), await perceptualHash(sideways))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits of signed 64-bit values", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(-(2n ** 63n), 0n)).toBe(1);
    expect(hammingDistance(0b1011n, 0b0110n)).toBe(3);
    expect(hammingDistance(123456789n, -987654321n)).toBe(hammingDistance(-987654321n, 123456789n));
    expect(hammingDistance(BigInt.asIntN(64, 0xffff_0000_0000_0001n), 1n)).toBe(16);
  });
});
