"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/cn";
import type { ActionResult } from "@/lib/action-result";
import { createRejectionTemplateAction, moveRejectionTemplateAction, setRejectionTemplateActiveAction, updateRejectionTemplateAction } from "./actions";
import { MODERATOR_COMMENT_MAX_LENGTH, REJECTION_TEMPLATE_TITLE_MAX_LENGTH } from "@/lib/rules/moderation-comment";

type PartKindChoice = "ANY" | "REVIEW" | "RECEIPT";

export interface TemplateView {
  id: number;
  title: string;
  text: string;
  partKind: "REVIEW" | "RECEIPT" | null;
  isActive: boolean;
}

const PART_KIND_LABEL: Record<PartKindChoice, string> = { ANY: "Отзыв и чек", REVIEW: "Только отзыв", RECEIPT: "Только чек" };

/** Title, part and text of a template: creates one, or (with `template`) edits it. */
export function TemplateForm({ template, onDone }: { template?: TemplateView; onDone?: () => void }) {
  const router = useRouter();
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction({ fields: ["title", "partKind", "text"] });
  const idPrefix = template ? `template-${template.id}` : "template-new";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const fields = { title: String(form.get("title") ?? ""), text: String(form.get("text") ?? ""), partKind: String(form.get("partKind") ?? "") as PartKindChoice };
    const result = await run<unknown>(() => (template ? updateRejectionTemplateAction({ ...fields, id: template.id }) : createRejectionTemplateAction(fields)), "Не удалось сохранить шаблон. Попробуйте ещё раз.");
    if (!result) return;
    if (!template) {
      formElement.reset();
      setDone("Шаблон добавлен в конец списка.");
    }
    router.refresh();
    onDone?.();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid={template ? "template-edit-form" : "template-create-form"}>
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field id={`${idPrefix}-title`} label="Название" error={fieldErrors.title}>
          {(control) => <Input {...control} name="title" maxLength={REJECTION_TEMPLATE_TITLE_MAX_LENGTH} required defaultValue={template?.title ?? ""} />}
        </Field>
        <Field id={`${idPrefix}-part`} label="Для какой части" error={fieldErrors.partKind}>
          {(control) => (
            <Select {...control} name="partKind" defaultValue={template ? (template.partKind ?? "ANY") : "ANY"}>
              {(Object.keys(PART_KIND_LABEL) as PartKindChoice[]).map((kind) => (
                <option key={kind} value={kind}>
                  {PART_KIND_LABEL[kind]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field id={`${idPrefix}-text`} label="Текст для участника" error={fieldErrors.text}>
        {(control) => <Textarea {...control} name="text" rows={3} maxLength={MODERATOR_COMMENT_MAX_LENGTH} required defaultValue={template?.text ?? ""} />}
      </Field>
      <FormStatus error={error} done={done} />
      <div className="flex flex-wrap gap-2">
        <PendingButton type="submit" pending={pending} pendingText="Сохраняем…">
          {template ? "Сохранить" : "Добавить шаблон"}
        </PendingButton>
        {template && onDone && (
          <Button type="button" variant="ghost" onClick={onDone} disabled={pending}>
            Отмена
          </Button>
        )}
      </div>
    </form>
  );
}

/** One template in the administrator's list: its text, place, visibility, and editing in place. */
export function TemplateRow({ template, isFirst, isLast }: { template: TemplateView; isFirst: boolean; isLast: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const action = useServerAction();
  const { pending, error } = action;

  async function run(call: () => Promise<ActionResult<unknown>>) {
    if (await action.run(call, "Не удалось сохранить. Попробуйте ещё раз.")) router.refresh();
  }

  return (
    <li className={cn("space-y-3 py-4", !template.isActive && "opacity-75")} data-testid={`template-${template.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium" data-testid="template-title">
              {template.title}
            </span>
            <Badge tone="brand">{PART_KIND_LABEL[template.partKind ?? "ANY"]}</Badge>
            {template.isActive ? <Badge tone="success">показывается</Badge> : <Badge>скрыт</Badge>}
          </p>
          {!editing && (
            <p className="whitespace-pre-line text-sm text-muted" data-testid="template-text">
              {template.text}
            </p>
          )}
        </div>
        <div className="flex items-center gap-1">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label="Выше"
            disabled={pending || isFirst}
            onClick={() => void run(() => moveRejectionTemplateAction({ id: template.id, direction: "UP" }))}
          >
            <ArrowUp className="size-4" />
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label="Ниже"
            disabled={pending || isLast}
            onClick={() => void run(() => moveRejectionTemplateAction({ id: template.id, direction: "DOWN" }))}
          >
            <ArrowDown className="size-4" />
          </Button>
        </div>
      </div>
      {editing ? (
        <TemplateForm template={template} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => setEditing(true)}>
            Изменить
          </Button>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={pending}
            onClick={() => void run(() => setRejectionTemplateActiveAction({ id: template.id, isActive: !template.isActive }))}
          >
            {template.isActive ? "Скрыть от модераторов" : "Показывать модераторам"}
          </Button>
        </div>
      )}
      <FormStatus error={error} />
    </li>
  );
}
