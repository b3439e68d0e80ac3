import type { Metadata } from "next";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { businessDaysText, formatDateTime, formatPoints, formatSignedPoints, pointsWord } from "@/lib/format";
import { LEDGER_KIND_LABEL } from "@/lib/ledger-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getCabinetOverview } from "@/server/domain/cabinet/get-cabinet-overview";
import { getContactEmail } from "@/server/domain/cabinet/get-contact-email";
import { getForfeitureOutlook } from "@/server/domain/forfeiture/get-forfeiture-outlook";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { ContactEmailForm } from "./contact-email-form";
import { ForfeitureCountdown } from "./forfeiture-countdown";

export const metadata: Metadata = { title: "Кабинет" };

export default async function CabinetPage() {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const [overview, contactEmail, forfeiture, settings] = await Promise.all([
    getCabinetOverview(actor),
    getContactEmail(actor),
    getForfeitureOutlook(actor),
    getProgrammeSettings(),
  ]);
  return (
    <div className="space-y-5">
      <Card className="bg-gradient-to-br from-brand-600 to-brand-700 text-white ring-0">
        <p className="text-sm text-white/80">Ваш баланс</p>
        <p className="mt-1 text-4xl font-semibold tracking-tight" data-testid="balance">
          {formatPoints(overview.balance)} <span className="text-xl font-normal text-white/80">{pointsWord(overview.balance)}</span>
        </p>
        {forfeiture && <ForfeitureCountdown outlook={forfeiture} />}
        <p className="mt-3 text-sm text-white/80">{settings.reviewPoints} {pointsWord(settings.reviewPoints)} за каждый новый отзыв и {settings.receiptPoints} за чек с QR-кодом.</p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href="/cabinet/requests/new" className="inline-flex h-11 items-center rounded-xl bg-white px-4 text-[15px] font-medium text-brand-700">
            Отправить заявку
          </Link>
          <Link href="/cabinet/prizes" className="inline-flex h-11 items-center rounded-xl px-4 text-[15px] font-medium text-white ring-1 ring-white/60 hover:bg-white/10">
            Выбрать приз
          </Link>
        </div>
      </Card>

      {overview.notifications.length > 0 && (
        <Card>
          <CardTitle>Уведомления</CardTitle>
          <ul className="mt-3 divide-y divide-line">
            {overview.notifications.map((item) => {
              const text = (
                <>
                  <p className="font-medium">{item.title}</p>
                  {item.body && <p className="text-sm text-muted">{item.body}</p>}
                </>
              );
              // The request or order the notification is about (written with it): the re-send form or the parcel is there.
              return (
                <li key={item.id} data-testid="notification">
                  {item.link?.startsWith("/") ? (
                    <Link href={item.link} className="-mx-2 flex min-h-11 items-center justify-between gap-3 rounded-xl px-2 py-3 hover:bg-brand-50">
                      <div className="min-w-0">{text}</div>
                      <ChevronRight className="size-5 shrink-0 text-muted" aria-hidden />
                    </Link>
                  ) : (
                    <div className="py-3">{text}</div>
                  )}
                </li>
              );
            })}
          </ul>
        </Card>
      )}

      <ContactEmailForm initialEmail={contactEmail} />

      <p className="text-sm text-muted">
        <Link href="/cabinet/privacy" className="font-medium text-brand-700 underline-offset-4 hover:underline" data-testid="privacy-link">
          Мои данные
        </Link>{" "}
        — скачать всё, что портал хранит о вас, выйти на всех устройствах или удалить персональные данные.
      </p>

      <Card>
        <CardTitle>История баллов</CardTitle>
        {overview.entries.length === 0 ? (
          <p className="mt-3 text-[15px] text-muted">
            Пока пусто. Баллы начисляются, когда модератор одобряет отзыв или чек — обычно в течение {businessDaysText(settings.moderationBusinessDays)}.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-line" data-testid="ledger">
            {overview.entries.map((entry) => (
              <li key={entry.id} className="flex items-start justify-between gap-4 py-3">
                <div>
                  <p className="font-medium">{LEDGER_KIND_LABEL[entry.kind]}</p>
                  {entry.reason && <p className="text-sm text-muted">{entry.reason}</p>}
                  <p className="text-xs text-muted">{formatDateTime(entry.createdAt)}</p>
                </div>
                <p className={entry.amount >= 0 ? "font-semibold text-emerald-700" : "font-semibold text-ink"}>
                  {formatSignedPoints(entry.amount)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
