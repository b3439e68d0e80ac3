import { describe, expect, it } from "vitest";
import { DECISION_BUCKET_RATIO } from "./decision-bucket";
import { bucketOf, histogramPercentile } from "./histogram-percentile";

function histogramOf(values: number[]) {
  const buckets = new Map<number, { bucket: number; count: number; sum: number }>();
  for (const value of values) {
    const bucket = bucketOf(value, DECISION_BUCKET_RATIO);
    const entry = buckets.get(bucket) ?? { bucket, count: 0, sum: 0 };
    entry.count += 1;
    entry.sum += value;
    buckets.set(bucket, entry);
  }
  return [...buckets.values()];
}

/** percentile_cont on the exact values. */
function exactPercentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)]!;
  const upper = sorted[Math.ceil(position)]!;
  return lower + (position - Math.floor(position)) * (upper - lower);
}

describe("histogram percentiles", () => {
  it("are exact when every bucket holds one time", () => {
    const values = [3600, 86_400, 90_000, 725_760, 30];
    for (const fraction of [0, 0.5, 0.95, 1]) {
      expect(histogramPercentile(histogramOf(values), fraction)).toBeCloseTo(exactPercentile(values, fraction), 6);
    }
  });

  it("stay within the bucket width (2 %) of percentile_cont on many times", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Array.from({ length: 20_000 }, () => 60 + random() * 7 * 86_400);
    for (const fraction of [0, 0.5, 0.9, 0.95, 1]) {
      const estimate = histogramPercentile(histogramOf(values), fraction)!;
      const exact = exactPercentile(values, fraction);
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.02);
    }
  });

  it("has no percentile without times", () => {
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ bucket: 0, count: 2, sum: 0.5 }], 0.5)).toBe(0.25);
  });
});
