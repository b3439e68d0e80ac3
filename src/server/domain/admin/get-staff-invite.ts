import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashInviteToken } from "./staff-input";

export type StaffInviteState =
  | { status: "VALID"; email: string; role: Exclude<UserRole, "CUSTOMER">; expiresAt: Date }
  | { status: "USED" | "EXPIRED" | "REVOKED" | "UNKNOWN" };

/** What a link that cannot be used says, on the page and when the form is sent. */
export const INVITE_PROBLEM: Record<Exclude<StaffInviteState["status"], "VALID">, string> = {
  USED: "Это приглашение уже использовано. Войдите с почтой и паролем, которые вы тогда задали.",
  EXPIRED: "Срок действия приглашения истёк. Попросите администратора прислать новое.",
  REVOKED: "Приглашение отозвано администратором или заменено более новым — откройте ссылку из последнего письма.",
  UNKNOWN: "Ссылка приглашения неверна. Проверьте, что она скопирована из письма целиком.",
};

const PROBLEM_CODE = { USED: "CONFLICT", EXPIRED: "CODE_EXPIRED", REVOKED: "CONFLICT", UNKNOWN: "NOT_FOUND" } as const;

export function inviteProblemError(status: Exclude<StaffInviteState["status"], "VALID">): AppError {
  return new AppError(PROBLEM_CODE[status], INVITE_PROBLEM[status]);
}

/**
 * The invite behind a link, for the public page where the invitee sets a name and password. No actor:
 * the random token is the credential (an unknown token says nothing about which addresses are invited).
 */
export async function getStaffInvite(token: string): Promise<StaffInviteState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: "UNKNOWN" };
  const invite = await db.staffInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  return inviteState(invite, now());
}

export function inviteState(
  invite: { email: string; role: UserRole; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null } | null,
  at: Date,
): StaffInviteState {
  if (!invite || invite.role === "CUSTOMER") return { status: "UNKNOWN" };
  if (invite.acceptedAt) return { status: "USED" };
  if (invite.revokedAt) return { status: "REVOKED" };
  if (invite.expiresAt <= at) return { status: "EXPIRED" };
  return { status: "VALID", email: invite.email, role: invite.role, expiresAt: invite.expiresAt };
}
