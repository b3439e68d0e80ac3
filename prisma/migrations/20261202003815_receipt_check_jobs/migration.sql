-- AlterEnum
ALTER TYPE "ReceiptCheckStatus" ADD VALUE 'CHECKING';

-- AlterTable
ALTER TABLE "receipts" ADD COLUMN     "check_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "check_next_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "receipts_check_status_check_next_at_idx" ON "receipts"("check_status", "check_next_at");
