import "server-only";
/**
 * Percentiles of decision times kept as a log histogram (figures-facts.ts): bucket 0 holds times under a
 * second, bucket b ≥ 1 holds [ratio^(b−1), ratio^b) seconds, each with the count and the sum of its times.
 * Pure, so that it is tested on its own.
 */

export interface HistogramBucket {
  bucket: number;
  count: number;
  /** Sum of the bucket's times. */
  sum: number;
}

/**
 * The continuous percentile (as PostgreSQL's percentile_cont: linear between the two nearest ranks) of the
 * values the histogram holds, each value read as its bucket's mean — exact when a bucket holds one time (or
 * equal ones), and within the bucket's width (2 %) always. `fraction` is 0…1; null when empty.
 */
export function histogramPercentile(buckets: readonly HistogramBucket[], fraction: number): number | null {
  const sorted = buckets.filter((entry) => entry.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  const position = fraction * (total - 1);
  const lowerRank = Math.floor(position);
  const upperRank = Math.ceil(position);
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.count;
      if (rank < seen) return entry.sum / entry.count;
    }
    const last = sorted[sorted.length - 1]!;
    return last.sum / last.count;
  };
  const lower = valueAt(lowerRank);
  const upper = valueAt(upperRank);
  return lower + (position - lowerRank) * (upper - lower);
}

/** The bucket of a time in seconds, as the SQL computes it (for tests). */
export function bucketOf(seconds: number, ratio: number): number {
  return seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) / Math.log(ratio));
}
