import type { Metadata } from "next";
import Link from "next/link";
import { imageUrl } from "@/components/uploads/upload-image";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatPoints } from "@/lib/format";
import { stockTone } from "@/lib/rules/stock";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listPrizesForStaff } from "@/server/domain/catalogue/list-prizes-for-staff";

export const metadata: Metadata = { title: "Призы" };

export default async function StaffPrizesPage() {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const prizes = await listPrizesForStaff(actor);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Призы</h1>
          <p className="text-sm text-muted">Каталог в том порядке, в каком его видят участники. Скрытые призы не видны в каталоге.</p>
        </div>
        <Link href="/staff/prizes/new" className={buttonVariants({ size: "md" })} data-testid="new-prize">
          Новый приз
        </Link>
      </div>
      <Card>
        {prizes.length === 0 ? (
          <p className="text-[15px] text-muted">Призов пока нет.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[720px] text-left text-sm" data-testid="prizes">
              <thead className="text-muted">
                <tr>
                  <th className="py-2 font-medium">Приз</th>
                  <th className="py-2 font-medium">Тип</th>
                  <th className="py-2 text-right font-medium">Цена</th>
                  <th className="py-2 text-right font-medium">Доступно</th>
                  <th className="py-2 text-right font-medium">Коды: в заказах / выданы</th>
                  <th className="py-2 text-right font-medium">Заказы в работе</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {prizes.map((prize) => (
                  <tr key={prize.id} data-testid="prize-row">
                    <td className="py-2.5">
                      <Link href={`/staff/prizes/${prize.id}`} className="flex items-center gap-3 font-medium hover:text-brand-700">
                        {prize.coverImageId ? (
                          // eslint-disable-next-line @next/next/no-img-element
                          <img src={imageUrl(prize.coverImageId)} alt="" className="size-10 rounded-lg object-cover ring-1 ring-line" />
                        ) : (
                          <span className="size-10 rounded-lg bg-canvas ring-1 ring-line" />
                        )}
                        <span>
                          {prize.title}
                          <span className="block text-xs font-normal text-muted">{prize.partnerName}</span>
                        </span>
                      </Link>
                    </td>
                    <td className="py-2.5">
                      {prize.kind === "PHYSICAL" ? "Физический" : "Цифровой"} {!prize.isActive && <Badge>скрыт</Badge>}
                    </td>
                    <td className="py-2.5 text-right">{formatPoints(prize.pointsPrice)}</td>
                    <td className="py-2.5 text-right">
                      <Badge tone={stockTone(prize.available)} data-testid="prize-available">
                        {prize.available}
                      </Badge>
                    </td>
                    <td className="py-2.5 text-right text-muted">{prize.kind === "DIGITAL" ? `${prize.codes.reserved} / ${prize.codes.issued}` : "—"}</td>
                    <td className={prize.openOrders > 0 ? "py-2.5 text-right font-medium" : "py-2.5 text-right text-muted"}>{prize.openOrders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
