-- AlterTable
ALTER TABLE "products" ADD COLUMN     "gtins" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "match_terms" TEXT[] DEFAULT ARRAY[]::TEXT[];
