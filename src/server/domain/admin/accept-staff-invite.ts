import "server-only";
import { z } from "zod";
import { STAFF_NAME_LENGTH, STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH } from "@/lib/rules/staff-invite";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { hashPassword } from "@/server/auth/password";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { inviteProblemError, inviteState } from "./get-staff-invite";
import { hashInviteToken, lockStaffEmail } from "./staff-input";

export const acceptStaffInviteInput = z
  .object({
    token: z.string({ error: "Ссылка приглашения неверна." }).min(1, "Ссылка приглашения неверна.").max(200, "Ссылка приглашения неверна."),
    name: z
      .string({ error: "Укажите имя." })
      .trim()
      .min(STAFF_NAME_LENGTH.min, "Укажите имя и фамилию — их увидят коллеги в журнале действий.")
      .max(STAFF_NAME_LENGTH.max, `Имя — не длиннее ${STAFF_NAME_LENGTH.max} символов.`),
    password: z
      .string({ error: "Придумайте пароль." })
      .min(STAFF_PASSWORD_MIN_LENGTH, `Пароль — не короче ${STAFF_PASSWORD_MIN_LENGTH} символов.`)
      .max(STAFF_PASSWORD_MAX_LENGTH, `Пароль — не длиннее ${STAFF_PASSWORD_MAX_LENGTH} символов.`),
    passwordConfirmation: z.string({ error: "Повторите пароль." }),
  })
  .refine((input) => input.password === input.passwordConfirmation, { message: "Пароли не совпадают — введите один и тот же пароль дважды.", path: ["passwordConfirmation"] });

/**
 * The invitee sets their name and password: the staff account is created (or a deactivated one brought
 * back) with the invite's role, and the link is used up, in one transaction with the audit row. No actor:
 * the link's token is the credential. Whoever accepts first wins; every later try gets a clear message.
 */
export async function acceptStaffInvite(input: z.infer<typeof acceptStaffInviteInput>): Promise<{ userId: number; email: string }> {
  const at = now();
  const tokenHash = hashInviteToken(input.token);
  // Hashing the password is deliberately slow: done before the transaction, which stays short.
  const passwordHash = await hashPassword(input.password);

  return db.$transaction(async (tx) => {
    const invite = await tx.staffInvite.findUnique({
      where: { tokenHash },
      select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
    });
    const state = inviteState(invite, at);
    if (state.status !== "VALID" || !invite) throw inviteProblemError(state.status === "VALID" ? "UNKNOWN" : state.status);
    await lockStaffEmail(tx, state.email);
    // Conditional: of two acceptances at once only one finds the link unused (the other is told it was used).
    const { count } = await tx.staffInvite.updateMany({ where: { id: invite.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: at } });
    if (count === 0) throw inviteProblemError("USED");

    const existing = await tx.user.findUnique({ where: { email: state.email }, select: { id: true, role: true, isActive: true } });
    if (existing && (existing.role === "CUSTOMER" || existing.isActive)) {
      // An account appeared for this address after the invite was sent (another invite accepted first).
      throw new AppError("CONFLICT", "Учётная запись с этой почтой уже есть — войдите на странице входа для сотрудников.");
    }
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role: state.role, name: input.name, passwordHash, isActive: true }, select: { id: true } })
      : await tx.user.create({ data: { role: state.role, email: state.email, name: input.name, passwordHash, isActive: true }, select: { id: true } });
    await writeAuditEntry(tx, {
      actorId: user.id,
      action: "staff-invite.accept",
      entityType: "User",
      entityId: user.id,
      data: { inviteId: invite.id, email: state.email, role: state.role, name: input.name, reactivated: Boolean(existing) },
      at,
    });
    return { userId: user.id, email: state.email };
  });
}
