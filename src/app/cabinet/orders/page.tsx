import type { Metadata } from "next";
import Link from "next/link";
import { PrizePicture, firstPrizePicture } from "@/components/prizes/prize-picture";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDate, formatSignedPoints, pointsWord } from "@/lib/format";
import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "@/lib/order-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listMyOrders } from "@/server/domain/orders/list-my-orders";

export const metadata: Metadata = { title: "Мои заказы" };

export default async function MyOrdersPage() {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const orders = await listMyOrders(actor);
  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Мои заказы</h1>
        <Link href="/cabinet/prizes" className={buttonVariants({ size: "md" })}>
          Каталог призов
        </Link>
      </div>
      {orders.length === 0 ? (
        <Card>
          <p className="text-[15px] text-muted">Заказов пока нет. Выберите приз в каталоге — баллы спишутся при заказе.</p>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="order-list">
          {orders.map((order) => (
            <li key={order.id}>
              <Link
                href={`/cabinet/orders/${order.id}`}
                data-testid="order-card"
                data-order-id={order.id}
                className="flex gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-line hover:ring-brand-200"
              >
                <PrizePicture picture={firstPrizePicture(order.prize)} alt="" className="w-20 shrink-0 rounded-xl sm:w-24" />
                <div className="min-w-0 flex-1">
                  <div className="flex items-start justify-between gap-2">
                    <p className="font-medium leading-snug">
                      №{order.id} · {order.prize.title}
                    </p>
                    <Badge tone={ORDER_STATUS_TONE[order.status]} className="shrink-0" data-testid="order-status">
                      {ORDER_STATUS_LABEL[order.status]}
                    </Badge>
                  </div>
                  <p className="mt-1 text-xs text-muted">
                    {formatDate(order.createdAt)} · {formatSignedPoints(-order.pointsSpent)} {pointsWord(order.pointsSpent)}
                  </p>
                  {order.trackingNumber && (order.status === "SHIPPED" || order.status === "DELIVERED") && (
                    <p className="mt-1 text-sm">
                      Трек-номер: <span className="font-medium">{order.trackingNumber}</span>
                    </p>
                  )}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
