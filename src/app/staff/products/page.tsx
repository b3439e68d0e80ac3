import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listProductsForStaff } from "@/server/domain/catalogue/list-products-for-staff";
import { MatchTermsForm } from "./match-terms-form";
import { ShopLinksForm } from "./shop-links-form";

export const metadata: Metadata = { title: "Продукты и магазины" };

export default async function StaffProductsPage() {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const products = await listProductsForStaff(actor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Продукты и магазины</h1>
        <p className="text-sm text-muted">
          Где купить продукты: ссылки видят все посетители на главной странице, в блоке «Где купить». Продукт без ссылок там не показан. Ниже
          каждого — как продукт пишут в чеках: по этим строкам и кодам модератор видит продукт в чеке, а правила автопроверки одобряют чек.
        </p>
      </div>
      {products.map((product) => (
        <Card key={product.id} data-testid={`product-${product.sku}`}>
          <div className="mb-3 flex items-center gap-3">
            {product.imageUrl ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={product.imageUrl} alt="" className="size-12 rounded-xl object-cover ring-1 ring-line" />
            ) : (
              <span aria-hidden className="size-12 rounded-xl bg-canvas ring-1 ring-line" />
            )}
            <div className="min-w-0">
              <h2 className="font-semibold">
                {product.name} {!product.isActive && <Badge>скрыт</Badge>}
              </h2>
              <p className="text-xs text-muted">
                {product.sku} · {product.category}
              </p>
            </div>
          </div>
          <h3 className="mb-2 text-sm font-semibold">Где купить</h3>
          <ShopLinksForm productId={product.id} productName={product.name} initial={product.shopLinks} />
          <h3 className="mb-2 mt-5 border-t border-line pt-4 text-sm font-semibold">В чеках</h3>
          <MatchTermsForm productId={product.id} productName={product.name} initial={{ matchTerms: product.matchTerms, gtins: product.gtins }} />
        </Card>
      ))}
    </div>
  );
}
