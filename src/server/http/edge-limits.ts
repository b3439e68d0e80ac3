import "server-only";
import type { Actor } from "@/server/auth/session";
import type { RateLimitRule } from "@/server/rate-limit";
import { byActor, byIp } from "./edge-call";

/**
 * A limit that reads only who calls and from where, so it fits any action or route. Deliberately not
 * `EdgeLimit<Access, unknown>`: that type would take part in inferring the wrapper's roles and widen them.
 */
export interface CallerLimit {
  bucket: string;
  key: (call: { actor: Actor | null; ip: string | null }) => string | null;
  rules: RateLimitRule[];
  tooMany: (waitText: string) => string;
}

/** What a caller over an edge limit reads: "Слишком много запросов. Попробуйте через 4 минуты." */
export const tooManyRequests = (waitText: string): string => `Слишком много запросов. Попробуйте ${waitText}.`;

/**
 * A per-actor limit for calls that send email or do heavy work with no limit of their own in the domain:
 * at most `limit` calls in `windowSeconds` by one signed-in person (public calls are not counted).
 */
export function perActorLimit(bucket: string, limit: number, windowSeconds: number): CallerLimit {
  return { bucket, key: byActor, rules: [{ limit, windowSeconds }], tooMany: tooManyRequests };
}

/** A per-IP limit (an IPv6 client counts by its /64) for public calls. */
export function perIpLimit(bucket: string, limit: number, windowSeconds: number): CallerLimit {
  return { bucket, key: byIp, rules: [{ limit, windowSeconds }], tooMany: tooManyRequests };
}
