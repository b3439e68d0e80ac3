-- CreateTable
CREATE TABLE "product_shop_links" (
    "id" SERIAL NOT NULL,
    "product_id" INTEGER NOT NULL,
    "shop_name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "product_shop_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "product_shop_links_product_id_sort_order_idx" ON "product_shop_links"("product_id", "sort_order");

-- AddForeignKey
ALTER TABLE "product_shop_links" ADD CONSTRAINT "product_shop_links_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
