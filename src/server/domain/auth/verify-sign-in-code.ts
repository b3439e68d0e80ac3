import "server-only";
import { z } from "zod";
import { normaliseRussianMobile } from "@/lib/phone";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError, pluralRu } from "@/server/errors";
import { otpCodeMatches } from "@/server/auth/otp-hash";
import { OTP_POLICY, PHONE_INVALID_MESSAGE } from "./otp-policy";

export const CONSENT_VERSION = "2026-11";

export const verifySignInCodeInput = z.object({
  phone: z.string().max(64),
  code: z.string().trim().regex(/^\d{6}$/, "Код — это 6 цифр из SMS."),
  consent: z.boolean(),
});

export interface SignedInShopper {
  id: number;
  role: "CUSTOMER";
  phone: string;
  isNew: boolean;
}

/**
 * Checks a sign-in code. The newest code for the phone is the only one that counts; a wrong guess
 * spends one of its attempts, and the fifth wrong guess locks it. On success the code is consumed
 * exactly once (a conditional update checked for its row count) and the shopper's account is created
 * on first sign-in, with the consent to personal-data processing recorded.
 */
export async function verifySignInCode(input: z.infer<typeof verifySignInCodeInput>): Promise<SignedInShopper> {
  const phone = normaliseRussianMobile(input.phone);
  if (!phone) throw new AppError("VALIDATION", PHONE_INVALID_MESSAGE, { fieldErrors: { phone: PHONE_INVALID_MESSAGE } });
  const at = now();

  const latest = await db.otpCode.findFirst({
    where: { phone },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, attempts: true, expiresAt: true, consumedAt: true, lockedAt: true },
  });
  if (!latest || latest.consumedAt) {
    throw new AppError("CODE_EXPIRED", "Запросите код для входа ещё раз.");
  }
  if (latest.lockedAt || latest.attempts >= OTP_POLICY.maxAttempts) {
    throw new AppError("CODE_LOCKED", "Этот код больше не действует: было слишком много неверных попыток. Запросите новый код.");
  }
  if (latest.expiresAt <= at) {
    throw new AppError("CODE_EXPIRED", "Срок действия кода истёк. Запросите новый код.");
  }

  if (!otpCodeMatches(phone, input.code, latest.codeHash)) {
    // Count the attempt atomically so parallel guesses cannot exceed the limit.
    const [spent] = await db.$queryRaw<{ attempts: number }[]>`
      UPDATE otp_codes
         SET attempts = attempts + 1,
             locked_at = CASE WHEN attempts + 1 >= ${OTP_POLICY.maxAttempts} THEN ${at} ELSE locked_at END
       WHERE id = ${latest.id} AND locked_at IS NULL AND consumed_at IS NULL
       RETURNING attempts`;
    const left = spent ? OTP_POLICY.maxAttempts - spent.attempts : 0;
    if (left <= 0) {
      throw new AppError("CODE_LOCKED", "Неверный код. Попытки закончились — запросите новый код.");
    }
    throw new AppError(
      "CODE_INVALID",
      `Неверный код. ${pluralRu(left, ["Осталась", "Осталось", "Осталось"])} ${left} ${pluralRu(left, ["попытка", "попытки", "попыток"])}.`,
      { fieldErrors: { code: "Неверный код." } },
    );
  }

  return db.$transaction(async (tx) => {
    const consumed = await tx.otpCode.updateMany({
      where: { id: latest.id, consumedAt: null, lockedAt: null, attempts: { lt: OTP_POLICY.maxAttempts }, expiresAt: { gt: at } },
      data: { consumedAt: at },
    });
    if (consumed.count !== 1) {
      throw new AppError("CODE_EXPIRED", "Этот код уже использован. Запросите новый код.");
    }
    const existing = await tx.user.findUnique({ where: { phone }, select: { id: true, role: true, isActive: true, consentAt: true } });
    if (existing) {
      if (!existing.isActive) throw new AppError("ACCOUNT_DISABLED", "Этот аккаунт отключён. Напишите в поддержку программы.");
      if (existing.role !== "CUSTOMER") throw new AppError("FORBIDDEN", "Сотрудники входят по электронной почте и паролю.");
      if (!existing.consentAt && !input.consent) throw consentRequired();
      await tx.user.update({
        where: { id: existing.id },
        data: {
          lastLoginAt: at,
          ...(existing.consentAt ? {} : { consentAt: at, consentVersion: CONSENT_VERSION }),
        },
      });
      return { id: existing.id, role: "CUSTOMER", phone, isNew: false };
    }
    if (!input.consent) throw consentRequired();
    const created = await tx.user.create({
      data: { phone, role: "CUSTOMER", consentAt: at, consentVersion: CONSENT_VERSION, lastLoginAt: at },
      select: { id: true },
    });
    return { id: created.id, role: "CUSTOMER", phone, isNew: true };
  });
}

function consentRequired(): AppError {
  const message = "Чтобы участвовать, подтвердите согласие на обработку персональных данных.";
  return new AppError("CONSENT_REQUIRED", message, { fieldErrors: { consent: message } });
}
