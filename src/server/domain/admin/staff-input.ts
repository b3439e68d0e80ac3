import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";
import type { Tx } from "@/server/db/client";

export const staffRoleSchema = z.enum(["MODERATOR", "STAFF", "ADMIN"], { error: "Выберите роль: модератор, сотрудник бренда или администратор." });

export const staffEmailSchema = z
  .string({ error: "Введите адрес электронной почты." })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `Адрес почты — не длиннее ${EMAIL_MAX_LENGTH} символов.`)
  .email("Введите адрес электронной почты, например name@company.ru.");

export const staffUserIdSchema = z.coerce.number({ error: "Сотрудник не найден." }).int().positive("Сотрудник не найден.");

/**
 * Invite links carry a random 256-bit token; only its SHA-256 is stored, so a leaked table (or backup)
 * holds no working link. A fast hash is enough here: the token is random, not a guessable password.
 */
export function createInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Serialises invites and acceptances for one address, so two at once cannot both create an account. */
export async function lockStaffEmail(tx: Tx, email: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`staff-email:${email}`}, 0))`;
}
