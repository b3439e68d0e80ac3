import "server-only";
import type { Tx } from "@/server/db/client";
import { NEAR_DUPLICATE_MAX_DISTANCE } from "@/server/images/perceptual-hash";

/**
 * Records, for the moderator, where a newly filed request repeats an earlier one anywhere on the
 * portal: the same review link (normalised), the same fiscal receipt (fn+i+fp), or the same screenshot
 * (identical bytes, or a perceptual hash within a small Hamming distance: re-encoded or rescaled copies).
 * Duplicates are flagged with the earliest matching request, never silently dropped.
 */
export async function recordDuplicateFlags(
  tx: Tx,
  input: {
    requestId: number;
    reviewUrlKey?: string;
    fiscalKey?: string | null;
    screenshots?: { id: string; sha256: string; perceptualHash: bigint | null }[];
  },
): Promise<number> {
  const flags: { requestId: number; kind: "REVIEW_LINK" | "RECEIPT" | "SCREENSHOT"; matchedRequestId: number; imageId?: string; matchedImageId?: string; distance?: number }[] = [];

  if (input.reviewUrlKey) {
    const earlier = await tx.reviewRequest.findFirst({
      where: { reviewUrlKey: input.reviewUrlKey, id: { not: input.requestId } },
      orderBy: [{ filedAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (earlier) flags.push({ requestId: input.requestId, kind: "REVIEW_LINK", matchedRequestId: earlier.id });
  }

  if (input.fiscalKey) {
    const earlier = await tx.receipt.findFirst({
      where: { fiscalKey: input.fiscalKey, part: { requestId: { not: input.requestId } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { part: { select: { requestId: true } } },
    });
    if (earlier) flags.push({ requestId: input.requestId, kind: "RECEIPT", matchedRequestId: earlier.part.requestId });
  }

  for (const screenshot of input.screenshots ?? []) {
    // Hamming distance in SQL: XOR the 64-bit hashes and count the set bits.
    const [match] = await tx.$queryRaw<{ image_id: string; request_id: number; distance: number }[]>`
      SELECT i.id::text AS image_id, p.request_id, bit_count((i.perceptual_hash # ${screenshot.perceptualHash ?? 0n})::bit(64))::int AS distance
        FROM images i
        JOIN request_parts p ON p.id = i.part_id
       WHERE i.kind = 'REVIEW_SCREENSHOT'
         AND p.request_id <> ${input.requestId}
         AND (i.sha256 = ${screenshot.sha256}
              OR (${screenshot.perceptualHash !== null} AND i.perceptual_hash IS NOT NULL
                  AND bit_count((i.perceptual_hash # ${screenshot.perceptualHash ?? 0n})::bit(64)) <= ${NEAR_DUPLICATE_MAX_DISTANCE}))
       ORDER BY (i.sha256 = ${screenshot.sha256}) DESC, distance, i.created_at
       LIMIT 1`;
    if (match) {
      flags.push({
        requestId: input.requestId,
        kind: "SCREENSHOT",
        matchedRequestId: match.request_id,
        imageId: screenshot.id,
        matchedImageId: match.image_id,
        distance: match.distance,
      });
    }
  }

  if (flags.length > 0) {
    await tx.duplicateFlag.createMany({ data: flags });
    // The queue filters on the request's own columns (see ReviewRequest.hasDuplicate*).
    const kinds = new Set(flags.map((flag) => flag.kind));
    await tx.reviewRequest.update({
      where: { id: input.requestId },
      data: {
        ...(kinds.has("RECEIPT") && { hasDuplicateReceipt: true }),
        ...(kinds.has("SCREENSHOT") && { hasDuplicateScreenshot: true }),
        ...(kinds.has("REVIEW_LINK") && { hasDuplicateReviewLink: true }),
      },
    });
  }
  return flags.length;
}
