-- CreateEnum
CREATE TYPE "SignInTrustKind" AS ENUM ('DEVICE', 'IP');

-- AlterTable
ALTER TABLE "otp_codes" ADD COLUMN     "device_hash" TEXT;

-- CreateTable
CREATE TABLE "sign_in_trust" (
    "user_id" INTEGER NOT NULL,
    "kind" "SignInTrustKind" NOT NULL,
    "value" TEXT NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_trust_pkey" PRIMARY KEY ("user_id","kind","value")
);

-- CreateIndex
CREATE INDEX "otp_codes_phone_device_hash_created_at_idx" ON "otp_codes"("phone", "device_hash", "created_at");

-- CreateIndex
CREATE INDEX "otp_codes_created_at_idx" ON "otp_codes"("created_at");

-- AddForeignKey
ALTER TABLE "sign_in_trust" ADD CONSTRAINT "sign_in_trust_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
