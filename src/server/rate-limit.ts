import "server-only";
import { AppError, pluralRu } from "@/server/errors";
import type { Tx } from "@/server/db/client";
import { now } from "@/server/clock";

export interface RateLimitRule {
  /** Most hits allowed inside the window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Records one hit of `bucket`/`key` if every rule allows it, else throws RATE_LIMITED with the wait time.
 * Runs inside the caller's transaction; a transaction-scoped advisory lock on the key serialises
 * concurrent callers, so two parallel requests cannot both slip under the limit.
 */
export async function consumeRateLimit(
  tx: Tx,
  bucket: string,
  key: string,
  rules: RateLimitRule[],
  messages: { tooMany: (waitText: string) => string },
  at: Date = now(),
): Promise<{ hitId: bigint }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${bucket}:${key}`}, 0))`;
  const longestWindow = Math.max(...rules.map((rule) => rule.windowSeconds));
  const since = new Date(at.getTime() - longestWindow * 1000);
  const hits = await tx.rateLimitHit.findMany({
    where: { bucket, key, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  let waitSeconds = 0;
  for (const rule of rules) {
    const windowStart = at.getTime() - rule.windowSeconds * 1000;
    const inWindow = hits.filter((hit) => hit.createdAt.getTime() > windowStart);
    if (inWindow.length >= rule.limit) {
      // The oldest hit that still counts must leave the window before another is allowed.
      const oldestCounted = inWindow[rule.limit - 1] ?? inWindow[inWindow.length - 1]!;
      const wait = Math.ceil((oldestCounted.createdAt.getTime() + rule.windowSeconds * 1000 - at.getTime()) / 1000);
      waitSeconds = Math.max(waitSeconds, wait, 1);
    }
  }
  if (waitSeconds > 0) {
    throw new AppError("RATE_LIMITED", messages.tooMany(describeWait(waitSeconds)), {
      retryAfterSeconds: waitSeconds,
    });
  }
  // Hits older than the longest window no longer count: drop this key's, so the table stays small.
  await tx.rateLimitHit.deleteMany({ where: { bucket, key, createdAt: { lte: since } } });
  const hit = await tx.rateLimitHit.create({ data: { bucket, key, createdAt: at }, select: { id: true } });
  return { hitId: hit.id };
}

/** "через 45 секунд", "через 12 минут". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `через ${seconds} ${pluralRu(seconds, ["секунду", "секунды", "секунд"])}`;
  const minutes = Math.ceil(seconds / 60);
  return `через ${minutes} ${pluralRu(minutes, ["минуту", "минуты", "минут"])}`;
}
