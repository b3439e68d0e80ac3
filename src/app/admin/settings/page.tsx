import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { moscowDateKey } from "@/lib/moscow-time";
import { getAutomationRules } from "@/server/domain/admin/get-automation-rules";
import { getEditableProgrammeSettings } from "@/server/domain/admin/get-programme-settings";
import { AutomationRulesForm } from "./automation-rules-form";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Настройки программы" };

export default async function AdminSettingsPage() {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const [{ settings, lastChange }, automation] = await Promise.all([getEditableProgrammeSettings(actor), getAutomationRules(actor)]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Настройки программы</h1>
        <p className="text-sm text-muted">
          Правила с числами: сколько баллов за отзыв и чек, сроки проверки и отправки, когда сгорают баллы, период акции. Изменение действует сразу: следующее
          одобрение начислит новые баллы. Сроки уже открытых заявок и заказов не меняются. Каждое изменение попадает в{" "}
          <Link href="/admin/audit?action=programme-settings.update" className="font-medium text-brand-700 hover:underline">
            журнал действий
          </Link>
          .
        </p>
        {lastChange && (
          <p className="mt-1 text-xs text-muted" data-testid="settings-updated">
            Последнее изменение: {formatDateTime(lastChange.at)}
            {lastChange.by ? `, ${lastChange.by.name ?? lastChange.by.email}` : ""}
          </p>
        )}
      </div>
      <Card className="space-y-3">
        <CardTitle>Правила программы</CardTitle>
        <SettingsForm
          initial={{
            reviewPoints: String(settings.reviewPoints),
            receiptPoints: String(settings.receiptPoints),
            moderationBusinessDays: String(settings.moderationBusinessDays),
            shippingDays: String(settings.shippingDays),
            forfeitureMonths: String(settings.forfeitureMonths),
            maxScreenshots: String(settings.maxScreenshots),
            smsPerHourCap: String(settings.smsPerHourCap),
            campaignStartsOn: settings.campaignStartsAt ? moscowDateKey(settings.campaignStartsAt) : "",
            campaignEndsOn: settings.campaignEndsAt ? moscowDateKey(settings.campaignEndsAt) : "",
          }}
        />
      </Card>
      <Card className="space-y-3">
        <CardTitle>Автоматическая проверка чеков</CardTitle>
        <p className="text-sm text-muted">
          Правила решают часть «чек» сами, как модератор: баллы, уведомление и письмо участнику, запись в журнале от имени «Автоматическая проверка».
          Отзыв всегда проверяет человек; автоматический отказ модератор может отменить. По умолчанию все правила выключены.
        </p>
        <AutomationRulesForm initial={automation} />
      </Card>
      <Card>
        <CardTitle>Тексты отказов</CardTitle>
        <p className="mt-1 text-sm text-muted">
          Готовые причины отказа, которые модератор подставляет в комментарий, настраиваются на странице{" "}
          <Link href="/admin/templates" className="font-medium text-brand-700 hover:underline">
            «Шаблоны отказов»
          </Link>
          .
        </p>
      </Card>
    </div>
  );
}
