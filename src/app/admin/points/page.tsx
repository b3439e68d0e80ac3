import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formatDateTime, formatPoints, formatSignedPoints } from "@/lib/format";
import { LEDGER_KIND_LABEL } from "@/lib/ledger-labels";
import { formatRussianPhone } from "@/lib/phone-format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { findShopperByPhone } from "@/server/domain/admin/find-shopper-by-phone";
import { isAppError } from "@/server/errors";
import { AdjustPointsForm } from "./adjust-points-form";

export const metadata: Metadata = { title: "Корректировка баллов" };

export default async function AdminPointsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const params = await searchParams;
  const phone = typeof params.phone === "string" ? params.phone.slice(0, 40) : "";
  let shopper: Awaited<ReturnType<typeof findShopperByPhone>> = null;
  let searchError: string | null = null;
  if (phone.trim()) {
    try {
      shopper = await findShopperByPhone(actor, { phone });
      if (!shopper) searchError = "Участника с таким номером нет. Проверьте номер.";
    } catch (error) {
      if (!isAppError(error)) throw error;
      searchError = error.message;
    }
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Корректировка баллов</h1>
        <p className="text-sm text-muted">
          Ручное начисление или списание баллов участнику с обязательной причиной. Причину участник увидит в истории баллов; корректировка попадает в журнал
          действий. Списать больше, чем есть на счёте, нельзя.
        </p>
      </div>
      <Card className="space-y-3">
        <CardTitle>Найти участника</CardTitle>
        {/* A plain GET form: the address holds the search, so the page can be reloaded or shared. */}
        <form method="get" action="/admin/points" className="flex flex-wrap items-end gap-2" data-testid="shopper-search">
          <div className="min-w-56 flex-1 space-y-1.5">
            <label htmlFor="points-phone" className="text-sm font-medium">
              Телефон участника
            </label>
            <Input id="points-phone" name="phone" type="tel" inputMode="tel" autoComplete="off" placeholder="+7 912 345-67-89" defaultValue={phone} />
          </div>
          <Button type="submit">Найти</Button>
        </form>
        {searchError && (
          <Alert tone="error" data-testid="search-error">
            {searchError}
          </Alert>
        )}
      </Card>

      {shopper && (
        <>
          <Card className="space-y-3" data-testid="shopper">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <CardTitle>{formatRussianPhone(shopper.phone ?? "")}</CardTitle>
                <p className="text-sm text-muted">
                  Участник №{shopper.id}
                  {shopper.name ? `, ${shopper.name}` : ""}, с {formatDateTime(shopper.createdAt)} {!shopper.isActive && <Badge tone="danger">отключён</Badge>}
                </p>
              </div>
              <div className="text-right">
                <p className="text-3xl font-semibold" data-testid="shopper-balance">
                  {formatPoints(shopper.pointsBalance)}
                </p>
                <p className="text-xs text-muted">баллов на счёте</p>
              </div>
            </div>
            <p className="text-sm">
              <Link href={`/admin/audit?entityType=User&entityId=${shopper.id}`} className="font-medium text-brand-700 hover:underline">
                Действия с этим участником в журнале
              </Link>
            </p>
          </Card>
          <Card className="space-y-3">
            <CardTitle>Новая корректировка</CardTitle>
            <AdjustPointsForm key={shopper.id} customerId={shopper.id} balance={shopper.pointsBalance} />
          </Card>
          <Card>
            <CardTitle>Последние операции</CardTitle>
            {shopper.ledgerEntries.length === 0 ? (
              <p className="mt-2 text-[15px] text-muted">Операций с баллами пока не было.</p>
            ) : (
              <ul className="mt-2 divide-y divide-line" data-testid="shopper-ledger">
                {shopper.ledgerEntries.map((entry) => (
                  <li key={entry.id} className="flex items-start justify-between gap-4 py-3">
                    <div className="min-w-0">
                      <p className="font-medium">{LEDGER_KIND_LABEL[entry.kind]}</p>
                      {entry.reason && <p className="text-sm break-words text-muted">{entry.reason}</p>}
                      <p className="text-xs text-muted">
                        {formatDateTime(entry.createdAt)}
                        {entry.createdBy ? ` · ${entry.createdBy.name ?? entry.createdBy.email}` : ""}
                      </p>
                    </div>
                    <div className="shrink-0 text-right">
                      <p className={entry.amount >= 0 ? "font-semibold text-emerald-700" : "font-semibold text-ink"}>{formatSignedPoints(entry.amount)}</p>
                      <p className="text-xs text-muted">остаток {formatPoints(entry.balanceAfter)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
