-- CreateTable
CREATE TABLE "storage_deletions" (
    "id" SERIAL NOT NULL,
    "storage_key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "storage_deletions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "storage_deletions_storage_key_key" ON "storage_deletions"("storage_key");

-- CreateIndex
CREATE INDEX "storage_deletions_next_attempt_at_idx" ON "storage_deletions"("next_attempt_at");
