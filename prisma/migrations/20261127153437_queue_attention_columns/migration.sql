-- DropIndex
DROP INDEX "review_requests_status_due_at_idx";

-- AlterTable
ALTER TABLE "review_requests" ADD COLUMN     "has_duplicate_receipt" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "has_duplicate_review_link" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "has_duplicate_screenshot" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "receipt_check_failed" BOOLEAN NOT NULL DEFAULT false;

-- Backfill (written by hand): the flags already recorded, and receipts whose latest check failed.
UPDATE "review_requests" r
   SET "has_duplicate_receipt"     = EXISTS (SELECT 1 FROM "duplicate_flags" f WHERE f."request_id" = r."id" AND f."kind" = 'RECEIPT'),
       "has_duplicate_screenshot"  = EXISTS (SELECT 1 FROM "duplicate_flags" f WHERE f."request_id" = r."id" AND f."kind" = 'SCREENSHOT'),
       "has_duplicate_review_link" = EXISTS (SELECT 1 FROM "duplicate_flags" f WHERE f."request_id" = r."id" AND f."kind" = 'REVIEW_LINK')
 WHERE EXISTS (SELECT 1 FROM "duplicate_flags" f WHERE f."request_id" = r."id");

UPDATE "review_requests" r
   SET "receipt_check_failed" = true
 WHERE EXISTS (SELECT 1 FROM "request_parts" p JOIN "receipts" c ON c."part_id" = p."id" AND c."attempt" = p."attempt"
                WHERE p."request_id" = r."id" AND c."check_status" IN ('NOT_FOUND', 'FAILED'));

-- CreateIndex
CREATE INDEX "review_requests_open_queue_idx" ON "review_requests"("due_at", "id", "status", "product_id", "has_duplicate_receipt", "has_duplicate_screenshot", "has_duplicate_review_link", "receipt_check_failed") WHERE status = ANY (ARRAY['PENDING'::"RequestStatus", 'IN_REVIEW'::"RequestStatus"]);
