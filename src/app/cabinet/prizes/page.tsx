import type { Metadata } from "next";
import Link from "next/link";
import { PrizePicture } from "@/components/prizes/prize-picture";
import { Card } from "@/components/ui/card";
import { formatPoints, pointsWord } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listPrizesForShopper } from "@/server/domain/prizes/list-prizes-for-shopper";
import { AvailabilityBadge } from "./availability-badge";

export const metadata: Metadata = { title: "Призы" };

export default async function PrizeCataloguePage() {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const { balance, prizes } = await listPrizesForShopper(actor);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Призы</h1>
          <p className="mt-1 text-[15px] text-muted">
            На счёте <span className="font-semibold text-ink" data-testid="balance">{formatPoints(balance)}</span> {pointsWord(balance)}
          </p>
        </div>
        <Link href="/cabinet/orders" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 hover:underline">
          Мои заказы →
        </Link>
      </div>

      {prizes.length === 0 ? (
        <Card>
          <p className="text-[15px] text-muted">Каталог пока пуст — скоро здесь появятся призы.</p>
        </Card>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3" data-testid="prize-list">
          {prizes.map((prize, index) => (
            <li key={prize.id}>
              <Link
                href={`/cabinet/prizes/${prize.id}`}
                data-testid="prize-card"
                data-prize-id={prize.id}
                className="flex h-full flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-line transition hover:ring-brand-200"
              >
                <PrizePicture
                  picture={prize.pictures[0]}
                  alt={prize.title}
                  eager={index < 4}
                  className={prize.inStock ? undefined : "opacity-60 grayscale"}
                />
                <div className="flex flex-1 flex-col gap-1 p-3 sm:p-4">
                  <p className="text-xs text-muted">{prize.partnerName}</p>
                  <p className="line-clamp-3 text-sm font-medium leading-snug sm:text-[15px]">{prize.title}</p>
                  <div className="mt-auto space-y-1.5 pt-2">
                    <p className="font-semibold" data-testid="prize-price">
                      {formatPoints(prize.pointsPrice)} <span className="text-sm font-normal text-muted">баллов</span>
                    </p>
                    <AvailabilityBadge prize={prize} />
                  </div>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
