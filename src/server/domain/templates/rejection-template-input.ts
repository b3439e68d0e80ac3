import "server-only";
import { z } from "zod";
import type { PartKind } from "@/generated/prisma/enums";
import { MODERATOR_COMMENT_MAX_LENGTH, REJECTION_TEMPLATE_TITLE_MAX_LENGTH } from "@/lib/rules/moderation-comment";
import type { Tx } from "@/server/db/client";

/** "ANY" in forms; null in the table (a template for either part). */
export type TemplatePartKind = "ANY" | PartKind;

export const rejectionTemplateFields = z.object({
  title: z
    .string({ error: "Укажите название шаблона." })
    .trim()
    .min(1, "Укажите название шаблона — его видит модератор на кнопке.")
    .max(REJECTION_TEMPLATE_TITLE_MAX_LENGTH, `Название — не длиннее ${REJECTION_TEMPLATE_TITLE_MAX_LENGTH} символов: оно помещается на кнопку.`),
  // As long as a moderator's comment may be: the template text becomes that comment.
  text: z
    .string({ error: "Напишите текст для участника." })
    .trim()
    .min(1, "Напишите текст, который увидит участник.")
    .max(MODERATOR_COMMENT_MAX_LENGTH, `Текст — не длиннее ${MODERATOR_COMMENT_MAX_LENGTH} символов.`),
  partKind: z.enum(["ANY", "REVIEW", "RECEIPT"], { error: "Выберите, к какой части заявки относится шаблон." }),
});

export const templateIdSchema = z.coerce.number({ error: "Шаблон не найден." }).int().positive("Шаблон не найден.");

export function partKindValue(kind: TemplatePartKind): PartKind | null {
  return kind === "ANY" ? null : kind;
}

/** Serialises changes to the templates' order (the list is short: locking it whole is cheap). */
export async function lockTemplates(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('rejection_templates', 0))`;
}
