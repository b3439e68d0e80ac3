-- Figures for brand staff (issue #7): the figures' range queries become index-only scans. Each dropped index
-- served only the figures (see the comments in schema.prisma) and is replaced by a wider one that carries every
-- column those queries read; the requests' filed_at index keeps filed_at as its first column.

-- DropIndex
DROP INDEX "ledger_entries_kind_created_at_idx";

-- DropIndex
DROP INDEX "receipts_created_at_idx";

-- DropIndex
DROP INDEX "request_parts_kind_status_decided_at_idx";

-- DropIndex
DROP INDEX "review_requests_filed_at_idx";

-- CreateIndex
CREATE INDEX "ledger_entries_created_at_kind_amount_idx" ON "ledger_entries"("created_at", "kind", "amount");

-- CreateIndex
CREATE INDEX "receipts_created_at_total_kopecks_idx" ON "receipts"("created_at", "total_kopecks");

-- CreateIndex
CREATE INDEX "request_parts_kind_status_decided_at_request_id_idx" ON "request_parts"("kind", "status", "decided_at", "request_id");

-- CreateIndex
CREATE INDEX "review_requests_filed_at_customer_id_status_decided_at_due__idx" ON "review_requests"("filed_at", "customer_id", "status", "decided_at", "due_at");

-- CreateIndex
CREATE INDEX "review_requests_decided_at_filed_at_status_idx" ON "review_requests"("decided_at", "filed_at", "status");
