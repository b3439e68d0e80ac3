import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { displayCodeHint } from "@/server/domain/catalogue/code-list";
import { getPrizeForStaff } from "@/server/domain/catalogue/get-prize-for-staff";
import { PRIZE_LIMITS } from "@/lib/rules/prize-catalogue";
import { loadByIdOrNotFound } from "@/server/http/load-or-not-found";
import { PrizeForm } from "../prize-form";
import { CodeImportForm } from "./code-import-form";
import { PrizeImages } from "./prize-images";

export const metadata: Metadata = { title: "Приз" };

export default async function StaffPrizePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole(AREA_ROLES.staff);
  const prize = await loadByIdOrNotFound((await params).id, (id) => getPrizeForStaff(actor, id));
  const digital = prize.kind === "DIGITAL";

  return (
    <div className="space-y-4">
      <Link href="/staff/prizes" className="text-sm text-muted hover:text-ink">
        ← Призы
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{prize.title}</h1>
          <p className="text-sm text-muted">
            {prize.partnerName} · заказов: {prize.orderCount}
          </p>
        </div>
        <div className="flex gap-2">
          <Badge tone={prize.isActive ? "success" : "neutral"}>{prize.isActive ? "в каталоге" : "скрыт"}</Badge>
          <Badge tone="brand">{digital ? "цифровой" : "физический"}</Badge>
        </div>
      </div>

      <Card className="space-y-3">
        <CardTitle>Фото</CardTitle>
        <PrizeImages prizeId={prize.id} images={prize.images} max={PRIZE_LIMITS.maxImages} />
      </Card>

      <Card className="space-y-3">
        <CardTitle>Описание, цена, остаток</CardTitle>
        <PrizeForm
          prize={{
            id: prize.id,
            title: prize.title,
            description: prize.description,
            partnerName: prize.partnerName,
            kind: prize.kind,
            pointsPrice: prize.pointsPrice,
            stock: prize.stock,
            isActive: prize.isActive,
            sortOrder: prize.sortOrder,
            kindLocked: prize.kindLocked,
          }}
        />
      </Card>

      {digital && (
        <>
          <Card className="space-y-3" data-testid="code-pool">
            <CardTitle>Коды</CardTitle>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {[
                ["Свободны", prize.codes.available, "code-count-available"],
                ["В заказах", prize.codes.reserved, "code-count-reserved"],
                ["Выданы", prize.codes.issued, "code-count-issued"],
              ].map(([label, value, testId]) => (
                <div key={label} className="rounded-xl bg-canvas px-3 py-2">
                  <dt className="text-xs text-muted">{label}</dt>
                  <dd className="text-xl font-semibold" data-testid={testId}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="text-xs text-muted">
              После загрузки коды целиком не показываются нигде: здесь видны только последние символы. Участник получает код письмом, когда вы подтверждаете его заказ.
            </p>
            {prize.batches.length > 0 && (
              <div className="space-y-1 text-sm">
                <p className="font-medium">Загрузки</p>
                <ul className="text-muted">
                  {prize.batches.map((batch) => (
                    <li key={batch.batch}>
                      {batch.importedAt ? formatDateTime(batch.importedAt) : "—"} · {batch.count} шт. <span className="text-xs">({batch.batch})</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {prize.recentCodes.length > 0 && (
              <div className="space-y-1 text-sm">
                <p className="font-medium">Последние коды</p>
                <ul className="flex flex-wrap gap-1.5" data-testid="code-hints">
                  {prize.recentCodes.map((code) => (
                    <li key={code.id}>
                      <Badge tone={code.issuedAt ? "neutral" : code.orderId ? "warning" : "success"} title={code.issuedAt ? "выдан" : code.orderId ? `в заказе №${code.orderId}` : "свободен"}>
                        <span className="font-mono">{displayCodeHint(code.codeHint)}</span>
                        {code.orderId ? ` · №${code.orderId}` : ""}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>
          <Card className="space-y-3">
            <CardTitle>Загрузить коды</CardTitle>
            <CodeImportForm prizeId={prize.id} />
          </Card>
        </>
      )}
    </div>
  );
}
