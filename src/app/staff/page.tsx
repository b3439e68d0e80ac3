import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatPoints } from "@/lib/format";
import { stockTone } from "@/lib/rules/stock";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getCatalogueOverview } from "@/server/domain/catalogue/get-catalogue-overview";

export const metadata: Metadata = { title: "Каталог бренда" };

export default async function StaffHomePage() {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const { products, prizes } = await getCatalogueOverview(actor);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Каталог</h1>
      <Card>
        <CardTitle>Призы</CardTitle>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[560px] text-left text-sm">
            <thead className="text-muted">
              <tr>
                <th className="py-2 font-medium">Приз</th>
                <th className="py-2 font-medium">Партнёр</th>
                <th className="py-2 font-medium">Тип</th>
                <th className="py-2 text-right font-medium">Цена, баллов</th>
                <th className="py-2 text-right font-medium">Доступно</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {prizes.map((prize) => (
                <tr key={prize.id}>
                  <td className="py-2.5">
                    {prize.title} {!prize.isActive && <Badge>скрыт</Badge>}
                  </td>
                  <td className="py-2.5 text-muted">{prize.partnerName}</td>
                  <td className="py-2.5">{prize.kind === "PHYSICAL" ? "Физический" : "Цифровой"}</td>
                  <td className="py-2.5 text-right">{formatPoints(prize.pointsPrice)}</td>
                  <td className="py-2.5 text-right">
                    <Badge tone={stockTone(prize.available)}>{prize.available}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <CardTitle>Продукты для отзывов</CardTitle>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {products.map((product) => (
            <li key={product.id} className="rounded-xl bg-canvas px-3 py-2 text-sm">
              <span className="font-medium">{product.name}</span>
              <span className="block text-xs text-muted">
                {product.sku} · {product.category}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
