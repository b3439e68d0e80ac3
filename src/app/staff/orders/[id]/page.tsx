import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDateTime, formatSignedPoints } from "@/lib/format";
import { LEDGER_KIND_LABEL } from "@/lib/ledger-labels";
import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "@/lib/order-labels";
import { formatRussianPhone, maskPhone } from "@/lib/phone-format";
import { CARRIER_LABEL, trackingUrl } from "@/lib/tracking";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { displayCodeHint } from "@/server/domain/catalogue/code-list";
import { getOrderForStaff } from "@/server/domain/fulfilment/get-order-for-staff";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";
import { ApproveButton, CancelForm, DeliveredButton, ShipForm } from "../order-controls";

export const metadata: Metadata = { title: "Заказ приза" };

const ACTION_LABEL: Record<string, string> = {
  "order.approve": "подтвердил(а) заказ",
  "order.ship": "отметил(а) отправку",
  "order.deliver": "отметил(а) доставку",
  "order.cancel": "отменил(а) заказ",
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function StaffOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const order = await loadByIdOrNotFound((await params).id, (id) => getOrderForStaff(actor, id));
  const digital = order.prize.kind === "DIGITAL";
  const codeSent = Boolean(order.code?.issuedAt);
  // What staff can do next, by status (the domain refuses everything else anyway).
  const canCancel = order.status === "NEW" || order.status === "SHIPPED" || (order.status === "APPROVED" && !codeSent);

  return (
    <div className="space-y-4">
      <Link href="/staff/orders" className="text-sm text-muted hover:text-ink">
        ← Заказы
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Заказ №{order.id}</h1>
          <p className="text-[15px] text-muted">
            <Link href={`/staff/prizes/${order.prize.id}`} className="hover:text-brand-700">
              {order.prize.title}
            </Link>{" "}
            · {order.prize.partnerName} · {digital ? "цифровой" : "физический"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Badge tone={ORDER_STATUS_TONE[order.status]} data-testid="order-status">
            {ORDER_STATUS_LABEL[order.status]}
          </Badge>
          {order.processingOverdue && <Badge tone="danger">Обработка просрочена</Badge>}
          {order.shippingOverdue && <Badge tone="danger">Отправка просрочена</Badge>}
        </div>
      </div>

      <Card className="space-y-4" data-testid="order-actions">
        <CardTitle>Что дальше</CardTitle>
        {order.status === "NEW" && (
          <div className="space-y-2">
            <p className="text-sm text-muted">
              {digital
                ? `Подтверждение отправит участнику код на ${order.deliveryEmail ?? "—"}.`
                : "Подтвердите заказ, когда приз есть и его можно собрать. Отправка — после подтверждения."}
            </p>
            <ApproveButton orderId={order.id} digital={digital} />
          </div>
        )}
        {order.status === "APPROVED" && !digital && order.carrier && <ShipForm orderId={order.id} carrier={order.carrier} />}
        {order.status === "APPROVED" && digital && <p className="text-sm">Код отправлен участнику на {order.deliveryEmail}. Заказ выполнен.</p>}
        {order.status === "SHIPPED" && <DeliveredButton orderId={order.id} />}
        {order.status === "DELIVERED" && <p className="text-sm">Заказ доставлен.</p>}
        {order.status === "CANCELLED" && (
          <p className="text-sm">
            Отменён {order.cancelledAt ? formatDateTime(order.cancelledAt) : ""}. Причина: {order.cancelReason}
          </p>
        )}
        {canCancel && <CancelForm orderId={order.id} pointsSpent={order.pointsSpent} />}
      </Card>

      <Card className="space-y-3">
        <CardTitle>{digital ? "Доставка на почту" : "Доставка"}</CardTitle>
        <dl className="space-y-2 text-sm">
          {digital ? (
            <>
              <Row label="Email для кода">{order.deliveryEmail ?? "—"}</Row>
              <Row label="Код">{order.code ? `${displayCodeHint(order.code.codeHint)} · ${order.code.issuedAt ? `отправлен ${formatDateTime(order.code.issuedAt)}` : "зарезервирован"}` : "не зарезервирован"}</Row>
            </>
          ) : (
            <>
              <Row label="Служба">{order.carrier ? CARRIER_LABEL[order.carrier] : "—"}</Row>
              <Row label={order.carrier === "RUSSIAN_POST" ? "Индекс отделения" : "Код ПВЗ"}>
                <span className="font-mono">{order.pickupPointCode ?? "—"}</span>
                {order.pickupPoint?.name ? ` · ${order.pickupPoint.name}` : ""}
              </Row>
              <Row label="Адрес">{order.pickupPointAddress ?? "—"}</Row>
              <Row label="Получатель">{order.recipientName ?? "—"}</Row>
              <Row label="Телефон получателя">{order.recipientPhone ? formatRussianPhone(order.recipientPhone) : "—"}</Row>
              {order.trackingNumber && order.carrier && (
                <Row label="Трек-номер">
                  <a href={trackingUrl(order.carrier, order.trackingNumber)} target="_blank" rel="noopener noreferrer" className="font-mono text-brand-700 hover:underline" data-testid="tracking-link">
                    {order.trackingNumber}
                  </a>
                </Row>
              )}
            </>
          )}
        </dl>
      </Card>

      <Card className="space-y-3">
        <CardTitle>Сроки и история</CardTitle>
        <dl className="space-y-2 text-sm">
          <Row label="Оформлен">{formatDateTime(order.createdAt)}</Row>
          <Row label="Обработать до">{formatDateTime(order.processingDueAt)}</Row>
          {order.shippingDueAt && <Row label="Отправить до">{formatDateTime(order.shippingDueAt)}</Row>}
          {order.approvedAt && <Row label="Подтверждён">{formatDateTime(order.approvedAt)}</Row>}
          {order.shippedAt && <Row label="Отправлен">{formatDateTime(order.shippedAt)}</Row>}
          {order.deliveredAt && <Row label="Доставлен">{formatDateTime(order.deliveredAt)}</Row>}
          <Row label="Участник">
            {order.customer.phone ? maskPhone(order.customer.phone) : "данные удалены"}
            {order.customer.contactEmail ? ` · ${order.customer.contactEmail}` : ""}
          </Row>
          <Row label="Баллы">
            {order.ledger.map((entry) => (
              <span key={entry.id} className="block">
                {formatSignedPoints(entry.amount)} — {LEDGER_KIND_LABEL[entry.kind]}, {formatDateTime(entry.createdAt)}
              </span>
            ))}
          </Row>
        </dl>
        {order.history.length > 0 && (
          <ul className="space-y-1 text-sm text-muted" data-testid="order-history">
            {order.history.map((entry) => (
              <li key={String(entry.id)}>
                {formatDateTime(entry.createdAt)} — {entry.actor?.name ?? entry.actor?.email ?? "система"} {ACTION_LABEL[entry.action] ?? entry.action}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
