import "server-only";
import { z } from "zod";
import { DUPLICATE_CHECK_MAX_SCREENSHOTS, type RequestDuplicates } from "@/lib/request-duplicates";
import { MAX_REVIEW_URL_LENGTH, normaliseReviewUrl } from "@/lib/review-link";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type ShopperActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { NEAR_DUPLICATE_MAX_DISTANCE } from "@/server/images/perceptual-hash";
import { fiscalKey, parseFiscalQr } from "@/server/receipts/fiscal-qr";
import { type DuplicateCandidate, pickDuplicateMatch } from "./duplicate-match";

export const checkRequestDuplicatesInput = z.object({
  /** As typed: a link that is not one yet is simply not checked. */
  reviewUrl: z.string().max(MAX_REVIEW_URL_LENGTH).optional(),
  screenshotIds: z.array(z.uuid()).max(DUPLICATE_CHECK_MAX_SCREENSHOTS).default([]),
  receiptImageId: z.uuid().nullable().default(null),
});

/**
 * Before sending, tells the shopper what in their draft repeats a request already filed anywhere on the
 * portal, by the same rules the filing flags repeats for the moderator (src/server/domain/requests/
 * detect-duplicates.ts): the review link's normalised key, each screenshot (identical bytes, or a
 * perceptual hash within the near-duplicate distance), the receipt's fiscal key. Only the shopper's own
 * images are looked at (ownership in the query; another's id is silently not checked). Their own earlier
 * request is named; someone else's is only said to exist (src/server/domain/requests/duplicate-match.ts).
 * Informs, never refuses: sending a repeat still files it.
 */
export async function checkRequestDuplicates(actor: ShopperActor, input: z.infer<typeof checkRequestDuplicatesInput>): Promise<RequestDuplicates> {
  assertActorRole(actor, AREA_ROLES.cabinet);
  const result: RequestDuplicates = { reviewUrl: null, screenshots: [], receipt: null };

  const link = input.reviewUrl ? normaliseReviewUrl(input.reviewUrl) : null;
  if (link?.ok) {
    const candidates = await db.$queryRaw<DuplicateCandidate[]>`
      SELECT r.id AS "requestId", r.customer_id AS "customerId"
        FROM review_requests r
       WHERE r.review_url_key = ${link.key}
       ORDER BY (r.customer_id = ${actor.id}) DESC, r.filed_at, r.id
       LIMIT 1`;
    const match = pickDuplicateMatch(actor.id, candidates);
    if (match) result.reviewUrl = { key: link.key, match };
  }

  const screenshotIds = [...new Set(input.screenshotIds)];
  const screenshots = screenshotIds.length
    ? await db.image.findMany({ where: { id: { in: screenshotIds }, ownerId: actor.id, kind: "REVIEW_SCREENSHOT" }, select: { id: true, sha256: true, perceptualHash: true } })
    : [];
  for (const screenshot of screenshots) {
    // The same match as at filing: identical bytes, or the 64-bit hashes' Hamming distance (XOR, count the bits).
    const candidates = await db.$queryRaw<DuplicateCandidate[]>`
      SELECT r.id AS "requestId", r.customer_id AS "customerId"
        FROM images i
        JOIN request_parts p ON p.id = i.part_id
        JOIN review_requests r ON r.id = p.request_id
       WHERE i.kind = 'REVIEW_SCREENSHOT'
         AND i.id <> ${screenshot.id}::uuid
         AND (i.sha256 = ${screenshot.sha256}
              OR (${screenshot.perceptualHash !== null} AND i.perceptual_hash IS NOT NULL
                  AND bit_count((i.perceptual_hash # ${screenshot.perceptualHash ?? 0n})::bit(64)) <= ${NEAR_DUPLICATE_MAX_DISTANCE}))
       ORDER BY (r.customer_id = ${actor.id}) DESC, r.filed_at, r.id
       LIMIT 1`;
    const match = pickDuplicateMatch(actor.id, candidates);
    if (match) result.screenshots.push({ imageId: screenshot.id, match });
  }
  // In the order the form sent them.
  result.screenshots.sort((a, b) => screenshotIds.indexOf(a.imageId) - screenshotIds.indexOf(b.imageId));

  const receiptImage = input.receiptImageId
    ? await db.image.findFirst({ where: { id: input.receiptImageId, ownerId: actor.id, kind: "RECEIPT_PHOTO" }, select: { id: true, qrText: true } })
    : null;
  const parsed = receiptImage?.qrText ? parseFiscalQr(receiptImage.qrText) : null;
  if (receiptImage && parsed?.ok) {
    const candidates = await db.$queryRaw<DuplicateCandidate[]>`
      SELECT r.id AS "requestId", r.customer_id AS "customerId"
        FROM receipts c
        JOIN request_parts p ON p.id = c.part_id
        JOIN review_requests r ON r.id = p.request_id
       WHERE c.fiscal_key = ${fiscalKey(parsed.fields)}
         AND c.image_id <> ${receiptImage.id}::uuid
       ORDER BY (r.customer_id = ${actor.id}) DESC, r.filed_at, r.id
       LIMIT 1`;
    const match = pickDuplicateMatch(actor.id, candidates);
    if (match) result.receipt = { imageId: receiptImage.id, match };
  }
  return result;
}
