-- AlterTable
ALTER TABLE "images" ADD COLUMN     "qr_box" JSONB;
