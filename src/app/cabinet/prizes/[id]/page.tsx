import type { Metadata } from "next";
import Link from "next/link";
import { PrizePicture } from "@/components/prizes/prize-picture";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatPoints } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getPrizeForShopper } from "@/server/domain/prizes/get-prize-for-shopper";
import { pluralRu } from "@/lib/plural-ru";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { AvailabilityBadge } from "../availability-badge";
import { OrderForm } from "./order-form";

export const metadata: Metadata = { title: "Приз" };

const points = (count: number) => `${formatPoints(count)} ${pluralRu(count, ["балл", "балла", "баллов"])}`;

export default async function PrizePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const [{ balance, prize, prefill }, settings] = await Promise.all([
    loadByIdOrNotFound((await params).id, (id) => getPrizeForShopper(actor, id)),
    getProgrammeSettings(),
  ]);
  const [cover, ...more] = prize.pictures;

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/cabinet/prizes" className="-my-3 inline-flex min-h-11 items-center text-sm text-muted hover:text-ink">
        ← Все призы
      </Link>

      <Card className="overflow-hidden p-0">
        <PrizePicture picture={cover} alt={prize.title} variant="full" eager />
        {more.length > 0 && (
          <ul className="flex gap-2 overflow-x-auto px-4 pt-3">
            {more.map((picture, index) => (
              <li key={picture.imageId ?? picture.src ?? index} className="w-24 shrink-0 overflow-hidden rounded-lg ring-1 ring-line">
                <PrizePicture picture={picture} alt="" />
              </li>
            ))}
          </ul>
        )}
        <div className="space-y-3 p-5">
          <div>
            <p className="text-sm text-muted" data-testid="prize-partner">
              {prize.partnerName}
            </p>
            <h1 className="text-2xl font-semibold tracking-tight">{prize.title}</h1>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-xl font-semibold" data-testid="prize-price">
              {points(prize.pointsPrice)}
            </p>
            <AvailabilityBadge prize={prize} />
          </div>
          {prize.description && <p className="whitespace-pre-line text-[15px]">{prize.description}</p>}
          <p className="text-sm text-muted">
            {prize.kind === "PHYSICAL"
              ? `Доставим в пункт выдачи СДЭК или в отделение Почты России — отправим в течение ${settings.shippingDays} ${pluralRu(settings.shippingDays, ["дня", "дней", "дней"])}.`
              : "Электронный приз: код придёт на вашу почту, когда мы подтвердим заказ."}
          </p>
          <p className="text-sm">
            На вашем счёте: <span className="font-semibold" data-testid="balance">{formatPoints(balance)}</span>{" "}
            {pluralRu(balance, ["балл", "балла", "баллов"])}
          </p>
        </div>
      </Card>

      {!prize.inStock ? (
        <Alert tone="info" data-testid="prize-unavailable">
          Этот приз закончился. Загляните позже — мы пополняем каталог, — или выберите другой приз.
        </Alert>
      ) : !prize.affordable ? (
        <Card className="space-y-3" data-testid="prize-unavailable">
          <p className="text-[15px]">
            Для этого приза не хватает <span className="font-semibold">{points(prize.missingPoints)}</span>. За каждый новый отзыв —{" "}
            {points(settings.reviewPoints)}, за чек с QR-кодом — ещё {points(settings.receiptPoints)}.
          </p>
          <Link href="/cabinet/requests/new" className={buttonVariants({ size: "md" })}>
            Отправить заявку
          </Link>
        </Card>
      ) : (
        <OrderForm
          prize={{ id: prize.id, kind: prize.kind, pointsPrice: prize.pointsPrice }}
          balance={balance}
          costLabel={points(prize.pointsPrice)}
          remainingLabel={points(balance - prize.pointsPrice)}
          prefill={prefill}
        />
      )}
    </div>
  );
}
