import "server-only";
import type { DuplicateMatch } from "@/lib/request-duplicates";

/** An earlier request that repeats something of the shopper's draft, as the database found it. */
export interface DuplicateCandidate {
  requestId: number;
  customerId: number;
}

/**
 * What the shopper may learn of the repeats found: their own earliest request (the candidates come
 * earliest first), or, when every candidate is someone else's, only that it was used, with nothing
 * taken from the row: another shopper's request number, id or contacts never reach the answer.
 */
export function pickDuplicateMatch(shopperId: number, candidates: readonly DuplicateCandidate[]): DuplicateMatch | null {
  if (candidates.length === 0) return null;
  const own = candidates.find((candidate) => candidate.customerId === shopperId);
  return own ? { mine: true, requestId: own.requestId } : { mine: false };
}
