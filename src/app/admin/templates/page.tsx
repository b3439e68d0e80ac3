import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listAllRejectionTemplates } from "@/server/domain/templates/list-all-rejection-templates";
import { TemplateForm, TemplateRow } from "./template-controls";

export const metadata: Metadata = { title: "Шаблоны отказов" };

export default async function AdminTemplatesPage() {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const templates = await listAllRejectionTemplates(actor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Шаблоны отказов</h1>
        <p className="text-sm text-muted">
          Модератор видит показываемые шаблоны кнопками над комментарием к отказу — только подходящие к части заявки и в этом порядке. Текст шаблона становится
          комментарием, который прочтёт участник; изменение шаблона не меняет уже отправленных отказов.
        </p>
      </div>
      <Card>
        <CardTitle>Шаблоны</CardTitle>
        {templates.length === 0 ? (
          <p className="mt-2 text-[15px] text-muted">Шаблонов пока нет — добавьте первый ниже.</p>
        ) : (
          <ol className="divide-y divide-line" data-testid="templates">
            {templates.map((template, index) => (
              <TemplateRow key={template.id} template={template} isFirst={index === 0} isLast={index === templates.length - 1} />
            ))}
          </ol>
        )}
      </Card>
      <Card className="space-y-3">
        <CardTitle>Новый шаблон</CardTitle>
        <TemplateForm />
      </Card>
    </div>
  );
}
