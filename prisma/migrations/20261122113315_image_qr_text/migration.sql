-- AlterTable
ALTER TABLE "images" ADD COLUMN     "qr_decoded_at" TIMESTAMP(3),
ADD COLUMN     "qr_text" TEXT;
