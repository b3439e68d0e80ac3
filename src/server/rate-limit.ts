import "server-only";
import { AppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";
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
  await checkRateLimit(tx, bucket, key, rules, messages, at);
  return recordRateLimitHit(tx, bucket, key, rules, at);
}

/**
 * Throws RATE_LIMITED when `bucket`/`key` is at a rule's limit, without recording anything: for limits that
 * count only some outcomes (a wrong password, not every attempt), recorded afterwards by recordRateLimitHit.
 * Takes the key's advisory lock for the rest of the transaction.
 */
export async function checkRateLimit(
  tx: Tx,
  bucket: string,
  key: string,
  rules: RateLimitRule[],
  messages: { tooMany: (waitText: string) => string },
  at: Date = now(),
): Promise<void> {
  const waitSeconds = await rateLimitWait(tx, bucket, key, rules, at);
  if (waitSeconds > 0) {
    throw new AppError("RATE_LIMITED", messages.tooMany(describeWait(waitSeconds)), {
      retryAfterSeconds: waitSeconds,
    });
  }
}

/** Seconds until `bucket`/`key` is under every rule again; 0 when it is now. Locks the key like checkRateLimit. */
export async function rateLimitWait(tx: Tx, bucket: string, key: string, rules: RateLimitRule[], at: Date = now()): Promise<number> {
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
  return waitSeconds;
}

/** Hits of `bucket`/`key` within the last `windowSeconds`. */
export async function countRateLimitHits(tx: Tx, bucket: string, key: string, windowSeconds: number, at: Date = now()): Promise<number> {
  return tx.rateLimitHit.count({ where: { bucket, key, createdAt: { gt: new Date(at.getTime() - windowSeconds * 1000) } } });
}

/** Records one hit; hits older than the longest of `rules` no longer count and are dropped, so the table stays small. */
export async function recordRateLimitHit(tx: Tx, bucket: string, key: string, rules: RateLimitRule[], at: Date = now()): Promise<{ hitId: bigint }> {
  const longestWindow = Math.max(...rules.map((rule) => rule.windowSeconds));
  await tx.rateLimitHit.deleteMany({ where: { bucket, key, createdAt: { lte: new Date(at.getTime() - longestWindow * 1000) } } });
  const hit = await tx.rateLimitHit.create({ data: { bucket, key, createdAt: at }, select: { id: true } });
  return { hitId: hit.id };
}

/** "через 45 секунд", "через 12 минут". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `через ${seconds} ${pluralRu(seconds, ["секунду", "секунды", "секунд"])}`;
  const minutes = Math.ceil(seconds / 60);
  return `через ${minutes} ${pluralRu(minutes, ["минуту", "минуты", "минут"])}`;
}
