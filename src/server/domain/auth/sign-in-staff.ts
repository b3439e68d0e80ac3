import "server-only";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { CAPTCHA_FAILED_MESSAGE, CAPTCHA_REQUIRED_MESSAGE } from "@/lib/captcha";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";
import { STAFF_PASSWORD_MAX_LENGTH } from "@/lib/rules/staff-invite";
import { captchaVerifier } from "@/server/adapters/captcha";
import { decoyPasswordHash, verifyPassword } from "@/server/auth/password";
import { isTrustedOrigin, rememberSignInOrigin } from "@/server/auth/sign-in-trust";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { checkRateLimit, consumeRateLimit, countRateLimitHits, recordRateLimitHit } from "@/server/rate-limit";
import { STAFF_SIGN_IN_POLICY as POLICY } from "./staff-sign-in-policy";

export const signInStaffInput = z.object({
  email: z.string().trim().toLowerCase().email("Введите адрес электронной почты.").max(EMAIL_MAX_LENGTH),
  password: z.string().min(1, "Введите пароль.").max(STAFF_PASSWORD_MAX_LENGTH),
  /** The client IP's rate-limit key (client-ip.ts). */
  ipKey: z.string().max(64).nullable(),
  /** SHA-256 of the browser's device cookie, when it has one. */
  deviceHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  captchaToken: z.string().max(4096).optional(),
});

const WRONG_CREDENTIALS = "Неверная почта или пароль.";
const TOO_MANY = (wait: string) => `Слишком много попыток входа. Попробуйте ${wait}.`;

/** Email-and-password sign-in for moderators, brand staff and administrators, within STAFF_SIGN_IN_POLICY. */
export async function signInStaff(
  input: z.infer<typeof signInStaffInput>,
): Promise<{ id: number; role: Exclude<UserRole, "CUSTOMER">; email: string; sessionVersion: number }> {
  const at = now();
  const ipKey = input.ipKey ?? "unknown";
  const pairKey = `${input.email}|${ipKey}`;
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, email: true, passwordHash: true, isActive: true, sessionVersion: true },
  });
  const origin = { deviceHash: input.deviceHash, ipKey: input.ipKey };

  await db.$transaction(async (tx) => {
    await consumeRateLimit(tx, "staff-login-ip", ipKey, [...POLICY.perIp], {
      tooMany: (wait) => `Слишком много попыток входа из этой сети. Попробуйте ${wait}.`,
    }, at);
    await checkRateLimit(tx, "staff-login-pair", pairKey, [...POLICY.perEmailAndIp], { tooMany: TOO_MANY }, at);
    const wrongForEmail = await countRateLimitHits(tx, "staff-login-email", input.email, POLICY.perEmailWindowSeconds, at);
    if (wrongForEmail >= POLICY.underAttackAfter && !(await isTrustedOrigin(tx, user?.id ?? null, origin, { acceptIp: true }))) {
      // The CAPTCHA first: asking for one must not spend the address's one try.
      await checkRateLimit(tx, "staff-login-slow", pairKey, [...POLICY.underAttackSlowDown], { tooMany: TOO_MANY }, at);
      const captcha = captchaVerifier();
      if (captcha) {
        if (!input.captchaToken) throw new AppError("CAPTCHA_REQUIRED", CAPTCHA_REQUIRED_MESSAGE);
        if (!(await captcha.verify(input.captchaToken, input.ipKey))) throw new AppError("CAPTCHA_REQUIRED", CAPTCHA_FAILED_MESSAGE);
      }
      await recordRateLimitHit(tx, "staff-login-slow", pairKey, [...POLICY.underAttackSlowDown], at);
    }
  });

  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid || user.role === "CUSTOMER") {
    await db.$transaction(async (tx) => {
      await recordRateLimitHit(tx, "staff-login-pair", pairKey, [...POLICY.perEmailAndIp], at);
      await recordRateLimitHit(tx, "staff-login-email", input.email, [{ limit: POLICY.underAttackAfter, windowSeconds: POLICY.perEmailWindowSeconds }], at);
    });
    throw new AppError("INVALID_CREDENTIALS", WRONG_CREDENTIALS);
  }
  if (!user.isActive) throw new AppError("ACCOUNT_DISABLED", "Учётная запись отключена. Обратитесь к администратору.");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: at } });
    await rememberSignInOrigin(tx, user.id, origin);
  });
  // The version read with the role: a role change after this read makes the new session outdated at once.
  return { id: user.id, role: user.role, email: user.email!, sessionVersion: user.sessionVersion };
}
