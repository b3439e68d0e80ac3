-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- DropIndex
DROP INDEX "review_requests_open_queue_idx";

-- AlterTable
ALTER TABLE "review_requests" ADD COLUMN     "risk_level" "RiskLevel" NOT NULL DEFAULT 'LOW',
ADD COLUMN     "risk_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "duplicate_flags_matched_request_id_kind_idx" ON "duplicate_flags"("matched_request_id", "kind");

-- CreateIndex
CREATE INDEX "prize_orders_recipient_phone_idx" ON "prize_orders"("recipient_phone");

-- CreateIndex
CREATE INDEX "prize_orders_pickup_point_code_recipient_name_idx" ON "prize_orders"("pickup_point_code", "recipient_name");

-- CreateIndex
CREATE INDEX "review_requests_open_queue_idx" ON "review_requests"("due_at", "id", "status", "product_id", "has_duplicate_receipt", "has_duplicate_screenshot", "has_duplicate_review_link", "receipt_check_failed", "risk_level") WHERE (status = ANY (ARRAY['PENDING'::"RequestStatus", 'IN_REVIEW'::"RequestStatus"]));

-- CreateIndex
CREATE INDEX "users_contact_email_idx" ON "users"("contact_email");
