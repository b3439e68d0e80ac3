import "server-only";
import { z } from "zod";
import { normaliseRussianMobile } from "@/lib/phone";
import { CONSENT_MISSING_MESSAGE, SIGN_IN_CODE, SIGN_IN_CODE_FORMAT_MESSAGE, isSignInCodeShape } from "@/lib/rules/sign-in-code";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pluralRu } from "@/lib/plural-ru";
import { otpCodeMatches } from "@/server/auth/otp-hash";
import { isTrustedOrigin, rememberSignInOrigin } from "@/server/auth/sign-in-trust";
import { reassessRiskAround } from "@/server/domain/fraud-signals/assess-request-risk";
import { checkRateLimit, recordRateLimitHit } from "@/server/rate-limit";
import { OTP_POLICY, PHONE_INVALID_MESSAGE } from "./otp-policy";

export const CONSENT_VERSION = "2026-12";

export const verifySignInCodeInput = z.object({
  phone: z.string().max(64),
  code: z.string().trim().refine(isSignInCodeShape, SIGN_IN_CODE_FORMAT_MESSAGE),
  consent: z.boolean(),
  /** SHA-256 of the browser's device cookie; null when the browser sent none (then no code is found). */
  deviceHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** The client IP's rate-limit key, remembered with the browser on success. */
  ipKey: z.string().max(64).nullable(),
});

export interface SignedInShopper {
  id: number;
  role: "CUSTOMER";
  phone: string;
  isNew: boolean;
  /** Carried in the session token (see src/server/auth/session-claims.ts). */
  sessionVersion: number;
}

const NO_CODE = "Запросите код для входа ещё раз.";

/**
 * Checks a sign-in code. The newest code this browser asked for is the only one that counts (a code works
 * only where it was requested, so nobody else can spend its attempts); a wrong guess spends one of them, and
 * the fifth locks it. Wrong guesses from browsers the account has not signed in from also spend the phone's
 * wrong-code budget (OTP_POLICY: the guessing bound). On success the code is consumed exactly once (a
 * conditional update checked for its row count), the shopper's account is created on first sign-in with the
 * consent to personal-data processing recorded, and the browser is remembered as trusted.
 */
export async function verifySignInCode(input: z.infer<typeof verifySignInCodeInput>): Promise<SignedInShopper> {
  const phone = normaliseRussianMobile(input.phone);
  if (!phone) throw new AppError("VALIDATION", PHONE_INVALID_MESSAGE, { fieldErrors: { phone: PHONE_INVALID_MESSAGE } });
  if (!input.deviceHash) throw new AppError("CODE_EXPIRED", NO_CODE);
  const deviceHash = input.deviceHash;
  const at = now();

  const latest = await db.otpCode.findFirst({
    where: { phone, deviceHash },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, attempts: true, expiresAt: true, consumedAt: true, lockedAt: true },
  });
  if (!latest || latest.consumedAt) throw new AppError("CODE_EXPIRED", NO_CODE);
  if (latest.lockedAt || latest.attempts >= SIGN_IN_CODE.maxAttempts) {
    throw new AppError("CODE_LOCKED", "Этот код больше не действует: было слишком много неверных попыток. Запросите новый код.");
  }
  if (latest.expiresAt <= at) {
    throw new AppError("CODE_EXPIRED", "Срок действия кода истёк. Запросите новый код.");
  }

  const owner = await db.user.findUnique({ where: { phone }, select: { id: true } });
  const wrong = await db.$transaction(async (tx) => {
    const trusted = await isTrustedOrigin(tx, owner?.id ?? null, { deviceHash, ipKey: null }, { acceptIp: false });
    // The budget is checked (and locked) before the code is compared: a spent budget compares nothing.
    if (!trusted) {
      await checkRateLimit(tx, "otp-wrong-phone", phone, [...OTP_POLICY.wrongCodesPerPhone], {
        tooMany: (wait) => `Слишком много неверных кодов для этого номера. Попробуйте ${wait} или войдите с устройства, где вы уже входили.`,
      }, at);
    }
    if (otpCodeMatches(phone, input.code, latest.codeHash)) return null;
    if (!trusted) await recordRateLimitHit(tx, "otp-wrong-phone", phone, [...OTP_POLICY.wrongCodesPerPhone], at);
    // Count the attempt atomically so parallel guesses cannot exceed the limit.
    const [spent] = await tx.$queryRaw<{ attempts: number }[]>`
      UPDATE otp_codes
         SET attempts = attempts + 1,
             locked_at = CASE WHEN attempts + 1 >= ${SIGN_IN_CODE.maxAttempts} THEN ${at} ELSE locked_at END
       WHERE id = ${latest.id} AND locked_at IS NULL AND consumed_at IS NULL
       RETURNING attempts`;
    return { left: spent ? SIGN_IN_CODE.maxAttempts - spent.attempts : 0 };
  });
  if (wrong) {
    if (wrong.left <= 0) throw new AppError("CODE_LOCKED", "Неверный код. Попытки закончились — запросите новый код.");
    throw new AppError(
      "CODE_INVALID",
      `Неверный код. ${pluralRu(wrong.left, ["Осталась", "Осталось", "Осталось"])} ${wrong.left} ${pluralRu(wrong.left, ["попытка", "попытки", "попыток"])}.`,
      { fieldErrors: { code: "Неверный код." } },
    );
  }

  const signedIn = await db.$transaction(async (tx) => {
    const consumed = await tx.otpCode.updateMany({
      where: { id: latest.id, consumedAt: null, lockedAt: null, attempts: { lt: SIGN_IN_CODE.maxAttempts }, expiresAt: { gt: at } },
      data: { consumedAt: at },
    });
    if (consumed.count !== 1) {
      throw new AppError("CODE_EXPIRED", "Этот код уже использован. Запросите новый код.");
    }
    const origin = { deviceHash, ipKey: input.ipKey };
    const existing = await tx.user.findUnique({ where: { phone }, select: { id: true, role: true, isActive: true, consentAt: true, sessionVersion: true } });
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
      await rememberSignInOrigin(tx, existing.id, origin);
      return { id: existing.id, role: "CUSTOMER" as const, phone, isNew: false, sessionVersion: existing.sessionVersion };
    }
    if (!input.consent) throw consentRequired();
    const created = await tx.user.create({
      data: { phone, role: "CUSTOMER", consentAt: at, consentVersion: CONSENT_VERSION, lastLoginAt: at },
      select: { id: true, sessionVersion: true },
    });
    await rememberSignInOrigin(tx, created.id, origin);
    return { id: created.id, role: "CUSTOMER" as const, phone, isNew: true, sessionVersion: created.sessionVersion };
  });
  // A browser now shared with another account is a fraud signal on both accounts' open requests.
  if (deviceHash) await reassessRiskAround(signedIn.id);
  return signedIn;
}

function consentRequired(): AppError {
  return new AppError("CONSENT_REQUIRED", CONSENT_MISSING_MESSAGE, { fieldErrors: { consent: CONSENT_MISSING_MESSAGE } });
}
