import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { reassessRiskAround } from "@/server/domain/fraud-signals/assess-request-risk";
import { findLinkedAccounts } from "@/server/domain/fraud-signals/find-linked-accounts";
import { AppError } from "@/server/errors";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";

const INVALID_EMAIL = "Проверьте адрес: он должен выглядеть как name@example.ru.";
const emailAddress = z.email({ error: INVALID_EMAIL });

/** An empty address removes it: the shopper then gets notifications in the cabinet only. */
export const updateContactEmailInput = z.object({
  email: z
    .string({ error: "Укажите email или оставьте поле пустым." })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, `Адрес слишком длинный — в email не больше ${EMAIL_MAX_LENGTH} символов.`)
    .refine((value) => value === "" || emailAddress.safeParse(value).success, { error: INVALID_EMAIL }),
});

/**
 * Sets, changes or removes the address the shopper wants notifications at (their own row only). It is not
 * a login and not unique: two shoppers may share a family address.
 */
export async function updateContactEmail(actor: Actor, input: z.infer<typeof updateContactEmailInput>): Promise<{ contactEmail: string | null }> {
  if (actor.role !== "CUSTOMER") throw new AppError("FORBIDDEN", "Email для уведомлений задают только участники.");
  const contactEmail = input.email === "" ? null : input.email;
  const linkedBefore = await findLinkedAccounts(actor.id, { limit: null });
  await db.user.update({ where: { id: actor.id }, data: { contactEmail } });
  // The same address on another account is a fraud signal (and a changed one may no longer be).
  await reassessRiskAround(actor.id, { linkedBefore: linkedBefore.map((account) => account.id) });
  return { contactEmail };
}
