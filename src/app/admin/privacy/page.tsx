import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formatDate, formatDateTime, formatPoints } from "@/lib/format";
import { orderNumbersText } from "@/lib/order-labels";
import { formatRussianPhone } from "@/lib/phone-format";
import { PRIVACY_QUERY_MAX_LENGTH } from "@/lib/rules/privacy-search";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { DELETION_CONFIRMATION_WORD } from "@/lib/rules/privacy-deletion";
import { type ShopperForPrivacy, findShopperForPrivacy, findShopperForPrivacyInput } from "@/server/domain/privacy/find-shopper-for-privacy";
import { isAppError } from "@/server/errors";
import { DeleteShopperForm } from "./delete-shopper-form";

export const metadata: Metadata = { title: "Персональные данные" };

export default async function AdminPrivacyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const raw = (await searchParams).q;
  const query = typeof raw === "string" ? raw.trim() : "";

  let found: ShopperForPrivacy | null = null;
  let problem: string | null = null;
  if (query) {
    const parsed = findShopperForPrivacyInput.safeParse({ query });
    if (!parsed.success) problem = parsed.error.issues[0]?.message ?? "Проверьте запрос.";
    else {
      try {
        found = await findShopperForPrivacy(actor, parsed.data);
        if (!found) problem = "Участник не найден.";
      } catch (error) {
        if (!isAppError(error)) throw error;
        problem = error.message;
      }
    }
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Персональные данные</h1>
        <p className="text-sm text-muted">
          Запросы участников по 152-ФЗ, пришедшие письмом или звонком: выгрузка всех данных участника и их удаление. Участник может сделать то же сам в
          кабинете, раздел «Мои данные». Каждая выгрузка и удаление записываются в журнал.
        </p>
      </div>

      <form method="get" className="flex flex-wrap gap-2" role="search">
        <label htmlFor="privacy-query" className="sr-only">
          Телефон или номер участника
        </label>
        <Input id="privacy-query" name="q" defaultValue={query} placeholder="+7 912 345-67-89 или №123" className="max-w-sm" maxLength={PRIVACY_QUERY_MAX_LENGTH} />
        <button type="submit" className="h-12 rounded-xl bg-brand-600 px-4 text-[15px] font-medium text-white hover:bg-brand-700">
          Найти
        </button>
      </form>

      {problem && <p className="rounded-xl bg-brand-50 px-4 py-3 text-sm ring-1 ring-brand-200">{problem}</p>}

      {found && (
        <Card data-testid="privacy-shopper">
          <CardTitle>
            Участник №{found.id} {found.anonymisedAt ? <Badge>данные удалены {formatDateTime(found.anonymisedAt)}</Badge> : !found.isActive && <Badge>отключён</Badge>}
          </CardTitle>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <dt className="text-muted">Телефон</dt>
            <dd>{found.phone ? formatRussianPhone(found.phone) : "—"}</dd>
            <dt className="text-muted">Email для уведомлений</dt>
            <dd>{found.contactEmail ?? "—"}</dd>
            <dt className="text-muted">Зарегистрирован</dt>
            <dd>{formatDate(found.registeredAt)}</dd>
            <dt className="text-muted">Заявок</dt>
            <dd>{found.requests}</dd>
            <dt className="text-muted">Баланс</dt>
            <dd>{formatPoints(found.pointsBalance)}</dd>
          </dl>

          <a
            href={`/admin/privacy/export?customerId=${found.id}`}
            download
            className="mt-4 inline-flex h-11 items-center rounded-xl bg-white px-4 text-[15px] font-medium text-ink ring-1 ring-line hover:bg-brand-50"
          >
            Скачать данные (JSON)
          </a>

          {found.ordersInProgress.length > 0 && !found.anonymisedAt ? (
            <p className="mt-4 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
              Удалить данные сейчас нельзя: {orderNumbersText(found.ordersInProgress)} ещё в работе — для доставки нужны данные
              получателя. После получения или отмены {found.ordersInProgress.length === 1 ? "заказа" : "заказов"} удаление станет доступно.
            </p>
          ) : (
            <>
              <p className="mt-4 text-sm text-muted">
                {found.anonymisedAt
                  ? "Данные уже удалены. Если при удалении не удалось стереть часть файлов, повторите — база данных не изменится."
                  : `Удаление сотрёт телефон, имя, email, изображения и данные получателя в заказах, закроет открытые заявки и спишет баланс (${formatPoints(found.pointsBalance)}). Отменить его нельзя.`}
              </p>
              <DeleteShopperForm customerId={found.id} confirmationWord={DELETION_CONFIRMATION_WORD} anonymised={found.anonymisedAt !== null} />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
