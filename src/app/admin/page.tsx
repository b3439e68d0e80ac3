import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getSmsVolume } from "@/server/domain/admin/get-sms-volume";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Администрирование" };

const SECTIONS = [
  {
    href: "/admin/staff",
    title: "Сотрудники",
    text: "Модераторы, сотрудники бренда и администраторы: приглашение по почте, смена роли, отключение учётной записи.",
  },
  {
    href: "/admin/settings",
    title: "Настройки программы",
    text: "Баллы за отзыв и чек, сроки проверки и отправки, когда сгорают баллы, период акции.",
  },
  {
    href: "/admin/points",
    title: "Корректировка баллов",
    text: "Начислить или списать баллы участнику по номеру телефона с причиной, которую он увидит в истории.",
  },
  {
    href: "/admin/audit",
    title: "Журнал действий",
    text: "Кто, что и когда изменил: решения, заказы, настройки, сотрудники, баллы — с фильтрами.",
  },
  {
    href: "/admin/calendar",
    title: "Производственный календарь",
    text: "Праздники, перенесённые выходные и рабочие субботы: по ним считаются сроки проверки заявок.",
  },
  {
    href: "/admin/templates",
    title: "Шаблоны отказов",
    text: "Готовые причины отказа, которые модератор подставляет в комментарий участнику.",
  },
  {
    href: "/admin/outbox",
    title: "Отправка писем",
    text: "Письма, которые не удалось отправить или которые ждут очереди: ошибка, попытки, следующая попытка; отправка заново.",
  },
  { href: "/admin/privacy", title: "Персональные данные", text: "Запросы участников по 152-ФЗ: выгрузка всех данных участника и их удаление по телефону или номеру." },
] as const;

export default async function AdminHomePage() {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const sms = await getSmsVolume(actor);
  const nearCap = sms.codesLastHour >= sms.hourlyCap * 0.8;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Администрирование</h1>
      <Card data-testid="sms-volume">
        <CardTitle>SMS за последние 24 часа: {formatCount(sms.last24Hours)}</CardTitle>
        <p className={nearCap ? "mt-1 text-sm font-medium text-red-700" : "mt-1 text-sm text-muted"}>
          Кодов входа за последний час: {formatCount(sms.codesLastHour)} из {formatCount(sms.hourlyCap)} — предел для входа с новых устройств
          (меняется в{" "}
          <Link href="/admin/settings" className="font-medium text-brand-700 hover:underline">
            настройках программы
          </Link>
          ).
        </p>
      </Card>
      <div className="grid gap-3 sm:grid-cols-2">
        {SECTIONS.map((section) => (
          <Link key={section.href} href={section.href} className="block rounded-2xl focus-visible:outline-2">
            <Card className="h-full transition-shadow hover:shadow-md">
              <CardTitle>{section.title}</CardTitle>
              <p className="mt-1 text-sm text-muted">{section.text}</p>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
