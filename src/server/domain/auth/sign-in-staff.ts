import "server-only";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { decoyPasswordHash, verifyPassword } from "@/server/auth/password";
import { consumeRateLimit } from "@/server/rate-limit";

export const signInStaffInput = z.object({
  email: z.string().trim().toLowerCase().email("Введите адрес электронной почты.").max(254),
  password: z.string().min(1, "Введите пароль.").max(256),
  ip: z.string().max(64).nullable(),
});

const WRONG_CREDENTIALS = "Неверная почта или пароль.";

/** Email-and-password sign-in for moderators, brand staff and administrators. */
export async function signInStaff(
  input: z.infer<typeof signInStaffInput>,
): Promise<{ id: number; role: Exclude<UserRole, "CUSTOMER">; email: string }> {
  const at = now();
  await db.$transaction(async (tx) => {
    await consumeRateLimit(tx, "staff-login-email", input.email, [{ limit: 10, windowSeconds: 15 * 60 }], {
      tooMany: (wait) => `Слишком много попыток входа. Попробуйте ${wait}.`,
    }, at);
    if (input.ip) {
      await consumeRateLimit(tx, "staff-login-ip", input.ip, [{ limit: 50, windowSeconds: 15 * 60 }], {
        tooMany: (wait) => `Слишком много попыток входа с этого устройства. Попробуйте ${wait}.`,
      }, at);
    }
  });

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, email: true, passwordHash: true, isActive: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid || user.role === "CUSTOMER") {
    throw new AppError("INVALID_CREDENTIALS", WRONG_CREDENTIALS);
  }
  if (!user.isActive) throw new AppError("ACCOUNT_DISABLED", "Учётная запись отключена. Обратитесь к администратору.");
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: at } });
  return { id: user.id, role: user.role, email: user.email! };
}
