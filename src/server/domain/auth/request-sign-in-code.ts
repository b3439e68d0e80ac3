import "server-only";
import { z } from "zod";
import { normaliseRussianMobile } from "@/lib/phone";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { sendSms } from "@/server/messaging/send-sms";
import { consumeRateLimit } from "@/server/rate-limit";
import { generateOtpCode, hashOtpCode } from "@/server/auth/otp-hash";
import { OTP_POLICY, PHONE_INVALID_MESSAGE } from "./otp-policy";

export const requestSignInCodeInput = z.object({
  phone: z.string().max(64),
  ip: z.string().max(64).nullable(),
});

/**
 * Sends a one-time sign-in code by SMS. Anyone may ask (the account is created on first sign-in),
 * within the per-phone and per-IP limits. Returns the normalised phone for the next step.
 */
export async function requestSignInCode(input: z.infer<typeof requestSignInCodeInput>): Promise<{ phone: string; expiresAt: Date }> {
  const phone = normaliseRussianMobile(input.phone);
  if (!phone) throw new AppError("VALIDATION", PHONE_INVALID_MESSAGE, { fieldErrors: { phone: PHONE_INVALID_MESSAGE } });

  const user = await db.user.findUnique({ where: { phone }, select: { isActive: true } });
  if (user && !user.isActive) {
    throw new AppError("ACCOUNT_DISABLED", "Этот аккаунт отключён. Напишите в поддержку программы.");
  }

  const code = generateOtpCode();
  const issuedAt = now();
  const expiresAt = new Date(issuedAt.getTime() + OTP_POLICY.ttlSeconds * 1000);

  const { phoneHitId } = await db.$transaction(async (tx) => {
    if (input.ip) {
      await consumeRateLimit(tx, "otp-ip", input.ip, [...OTP_POLICY.perIp], {
        tooMany: (wait) => `Слишком много запросов кода с этого устройства. Попробуйте ${wait}.`,
      }, issuedAt);
    }
    const { hitId } = await consumeRateLimit(tx, "otp-phone", phone, [...OTP_POLICY.perPhone], {
      tooMany: (wait) => `Код уже отправлен. Новый можно запросить ${wait}.`,
    }, issuedAt);
    // A new code replaces any earlier one still valid for this phone.
    await tx.otpCode.updateMany({
      where: { phone, consumedAt: null, lockedAt: null, expiresAt: { gt: issuedAt } },
      data: { lockedAt: issuedAt },
    });
    await tx.otpCode.create({
      data: { phone, codeHash: hashOtpCode(phone, code), expiresAt, requestedIp: input.ip, createdAt: issuedAt },
    });
    return { phoneHitId: hitId };
  });

  try {
    await sendSms(phone, `Carely: код для входа ${code}. Никому его не сообщайте.`, "sign-in-code");
  } catch (error) {
    // The shopper got nothing: let them ask again at once rather than wait out the per-phone limit.
    await db.rateLimitHit.delete({ where: { id: phoneHitId } }).catch(() => undefined);
    throw error;
  }
  return { phone, expiresAt };
}
