import type { Metadata } from "next";
import Link from "next/link";
import { PrizePicture, firstPrizePicture } from "@/components/prizes/prize-picture";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { Carrier, OrderStatus } from "@/generated/prisma/enums";
import { cn } from "@/lib/cn";
import { formatDate, formatDateTime, formatPoints } from "@/lib/format";
import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "@/lib/order-labels";
import { formatRussianPhone } from "@/lib/phone-format";
import { CARRIER_LABEL, trackingUrl } from "@/lib/tracking";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getMyOrder } from "@/server/domain/orders/get-my-order";
import { pluralRu } from "@/lib/plural-ru";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";

export const metadata: Metadata = { title: "Заказ" };

const ON_CARRIER_SITE: Record<Carrier, string> = { CDEK: "на сайте СДЭК", RUSSIAN_POST: "на сайте Почты России" };
const STATUS_RANK: Record<Exclude<OrderStatus, "CANCELLED">, number> = { NEW: 0, APPROVED: 1, SHIPPED: 2, DELIVERED: 3 };

interface Step {
  label: string;
  at: Date | null;
  /** Shown while this is the next step: when to expect it. */
  expected?: string;
}

type Order = Awaited<ReturnType<typeof getMyOrder>>;

function timeline(order: Order): { steps: (Step & { done: boolean })[]; next: number } {
  const steps: Step[] =
    order.prize.kind === "PHYSICAL"
      ? [
          { label: "Заказ оформлен", at: order.createdAt },
          { label: "Заказ подтверждён", at: order.approvedAt, expected: `до ${formatDate(order.processingDueAt)}` },
          {
            label: "Передан в доставку",
            at: order.shippedAt,
            expected: order.shippingDueAt ? `до ${formatDate(order.shippingDueAt)}` : undefined,
          },
          { label: "Получен", at: order.deliveredAt },
        ]
      : [
          { label: "Заказ оформлен", at: order.createdAt },
          { label: "Подтверждён, код отправлен на почту", at: order.approvedAt ?? order.codeSentAt, expected: `до ${formatDate(order.processingDueAt)}` },
          ...(order.status === "DELIVERED" ? [{ label: "Выполнен", at: order.deliveredAt }] : []),
        ];
  if (order.status === "CANCELLED") {
    // Only what actually happened before the cancellation.
    return { steps: steps.filter((step) => step.at).map((step) => ({ ...step, done: true })), next: -1 };
  }
  const rank = STATUS_RANK[order.status];
  return { steps: steps.map((step, index) => ({ ...step, done: index <= rank })), next: rank + 1 };
}

export default async function MyOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const order = await loadByIdOrNotFound((await params).id, (id) => getMyOrder(actor, id));
  const justPlaced = (await searchParams).placed === "1" && order.status === "NEW";
  const { steps, next } = timeline(order);
  const shipped = order.status === "SHIPPED" || order.status === "DELIVERED";
  const spent = `${formatPoints(order.pointsSpent)} ${pluralRu(order.pointsSpent, ["балл", "балла", "баллов"])}`;

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/cabinet/orders" className="-my-3 inline-flex min-h-11 items-center text-sm text-muted hover:text-ink">
        ← Мои заказы
      </Link>

      {justPlaced && (
        <Alert tone="success" data-testid="order-placed">
          Заказ оформлен, списано {spent}. Мы подтвердим его до {formatDate(order.processingDueAt)}
          {order.prize.kind === "DIGITAL" ? " и пришлём код на вашу почту." : " и сообщим трек-номер, когда отправим посылку."}
        </Alert>
      )}

      <div className="flex items-start gap-4">
        <PrizePicture picture={firstPrizePicture(order.prize)} alt="" className="w-24 shrink-0 rounded-xl ring-1 ring-line" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">Заказ №{order.id}</h1>
            <Badge tone={ORDER_STATUS_TONE[order.status]} data-testid="order-status" data-status={order.status}>
              {ORDER_STATUS_LABEL[order.status]}
            </Badge>
          </div>
          {/* A prize taken off the catalogue has no page to go back to. */}
          {order.prize.isActive ? (
            <Link href={`/cabinet/prizes/${order.prize.id}`} className="text-[15px] text-muted hover:text-ink">
              {order.prize.title}
            </Link>
          ) : (
            <p className="text-[15px] text-muted">{order.prize.title}</p>
          )}
          <p className="mt-1 text-sm">
            Списано: <span className="font-medium">{spent}</span>
          </p>
        </div>
      </div>

      {shipped && order.carrier && order.trackingNumber && (
        <Card className="space-y-1" data-testid="tracking">
          <p className="text-sm text-muted">Трек-номер {CARRIER_LABEL[order.carrier]}</p>
          <p className="text-lg font-semibold tracking-wide" data-testid="tracking-number">
            {order.trackingNumber}
          </p>
          <a
            href={trackingUrl(order.carrier, order.trackingNumber)}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-block text-[15px] font-medium text-brand-700 hover:underline"
            data-testid="tracking-link"
          >
            Отследить посылку {ON_CARRIER_SITE[order.carrier]} ↗
          </a>
        </Card>
      )}

      <Card>
        <CardTitle>Статус</CardTitle>
        <ol className="mt-4 space-y-4" data-testid="order-timeline">
          {steps.map((step, index) => (
            <li key={step.label} className="flex gap-3" data-done={step.done}>
              <span
                aria-hidden
                className={cn(
                  "mt-1 size-3 shrink-0 rounded-full ring-4",
                  step.done ? "bg-brand-600 ring-brand-100" : index === next ? "bg-white ring-brand-200" : "bg-zinc-200 ring-zinc-100",
                )}
              />
              <div>
                <p className={cn("font-medium", !step.done && "text-muted")}>{step.label}</p>
                {step.done && step.at && <p className="text-xs text-muted">{formatDateTime(step.at)}</p>}
                {!step.done && index === next && step.expected && <p className="text-xs text-muted">Ожидаем {step.expected}</p>}
              </div>
            </li>
          ))}
          {order.status === "CANCELLED" && (
            <li className="flex gap-3" data-testid="order-cancelled">
              <span aria-hidden className="mt-1 size-3 shrink-0 rounded-full bg-red-500 ring-4 ring-red-100" />
              <div>
                <p className="font-medium">Заказ отменён</p>
                {order.cancelledAt && <p className="text-xs text-muted">{formatDateTime(order.cancelledAt)}</p>}
                {order.cancelReason && <p className="mt-1 text-sm">{order.cancelReason}</p>}
                <p className="mt-1 text-sm text-muted">{spent} вернули на ваш счёт.</p>
              </div>
            </li>
          )}
        </ol>
      </Card>

      <Card className="space-y-2 text-sm" data-testid="order-delivery">
        <CardTitle>Доставка</CardTitle>
        {order.prize.kind === "PHYSICAL" ? (
          <>
            {order.carrier && (
              <p>
                <span className="text-muted">Служба: </span>
                {CARRIER_LABEL[order.carrier]}
              </p>
            )}
            <div data-testid="pickup-point">
              <p className="text-muted">Пункт выдачи{order.pickupPointCode ? ` (${order.pickupPointCode})` : ""}:</p>
              {order.pickupPoint?.name && <p className="font-medium">{order.pickupPoint.name}</p>}
              <p>{order.pickupPointAddress}</p>
              {order.pickupPoint?.workHours && <p className="text-xs text-muted">{order.pickupPoint.workHours}</p>}
            </div>
            {order.recipientName && (
              <p>
                <span className="text-muted">Получатель: </span>
                {order.recipientName}
                {order.recipientPhone && `, ${formatRussianPhone(order.recipientPhone)}`}
              </p>
            )}
          </>
        ) : (
          <>
            <p>
              <span className="text-muted">Код придёт на: </span>
              <span className="font-medium" data-testid="delivery-email">
                {order.deliveryEmail}
              </span>
            </p>
            {order.codeSentAt && <p className="text-muted">Код отправлен {formatDateTime(order.codeSentAt)}. Проверьте папку «Спам», если письма нет.</p>}
          </>
        )}
      </Card>
    </div>
  );
}
