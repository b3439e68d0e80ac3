import "server-only";
import { z } from "zod";
import { CAPTCHA_FAILED_MESSAGE, CAPTCHA_REQUIRED_MESSAGE } from "@/lib/captcha";
import { normaliseRussianMobile } from "@/lib/phone";
import { SIGN_IN_CODE } from "@/lib/rules/sign-in-code";
import { captchaVerifier } from "@/server/adapters/captcha";
import { generateOtpCode, hashOtpCode } from "@/server/auth/otp-hash";
import { isTrustedOrigin } from "@/server/auth/sign-in-trust";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { sendSms } from "@/server/messaging/send-sms";
import { checkRateLimit, consumeRateLimit, countRateLimitHits, rateLimitWait, recordRateLimitHit } from "@/server/rate-limit";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { OTP_POLICY, PHONE_INVALID_MESSAGE } from "./otp-policy";

export const requestSignInCodeInput = z.object({
  phone: z.string().max(64),
  /** The client IP's rate-limit key (client-ip.ts: an IPv4 address or an IPv6 /64). */
  ipKey: z.string().max(64).nullable(),
  /** SHA-256 of the browser's device cookie (device-cookie.ts): the code works only there. */
  deviceHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** A SmartCaptcha token, when the form had to show one. */
  captchaToken: z.string().max(4096).optional(),
});

const SMS_CAP_WINDOW_SECONDS = 60 * 60;

export interface SignInCodeRequested {
  phone: string;
  expiresAt: Date;
  /** Seconds before this browser may ask for another code. */
  resendAfterSeconds: number;
  /** False when this browser's earlier code is still valid and it is too soon for another: enter that one. */
  sent: boolean;
}

/**
 * Sends a one-time sign-in code by SMS. Anyone may ask (the account is created on first sign-in), within
 * the limits of OTP_POLICY (see its comment for why an attacker can neither guess a code nor keep the owner
 * out) and the portal-wide cap on SMS per hour. Returns the normalised phone for the next step.
 *
 * Asked again from the same browser while its code is still valid and too soon for another (a reload, the
 * phone entered again), it sends nothing and answers with that code's remaining wait: the form reopens the
 * code step instead of showing a refusal with no way to enter the code that came.
 */
export async function requestSignInCode(input: z.infer<typeof requestSignInCodeInput>): Promise<SignInCodeRequested> {
  const phone = normaliseRussianMobile(input.phone);
  if (!phone) throw new AppError("VALIDATION", PHONE_INVALID_MESSAGE, { fieldErrors: { phone: PHONE_INVALID_MESSAGE } });

  const user = await db.user.findUnique({ where: { phone }, select: { id: true, isActive: true } });
  if (user && !user.isActive) {
    throw new AppError("ACCOUNT_DISABLED", "Этот аккаунт отключён. Напишите в поддержку программы.");
  }

  const code = generateOtpCode();
  const issuedAt = now();
  const expiresAt = new Date(issuedAt.getTime() + SIGN_IN_CODE.ttlSeconds * 1000);
  const settings = await getProgrammeSettings();
  const captcha = captchaVerifier();
  const deviceKey = `${phone}|${input.deviceHash}`;

  const outcome = await db.$transaction(async (tx): Promise<{ reopened: SignInCodeRequested } | { hitIds: bigint[] }> => {
    const deviceWait = await rateLimitWait(tx, "otp-device", deviceKey, [...OTP_POLICY.perDevice], issuedAt);
    if (deviceWait > 0) {
      const live = await tx.otpCode.findFirst({
        where: { phone, deviceHash: input.deviceHash, consumedAt: null, lockedAt: null, expiresAt: { gt: issuedAt } },
        orderBy: { createdAt: "desc" },
        select: { expiresAt: true },
      });
      if (live) return { reopened: { phone, expiresAt: live.expiresAt, resendAfterSeconds: deviceWait, sent: false } };
    }
    const trusted = await isTrustedOrigin(tx, user?.id ?? null, { deviceHash: input.deviceHash, ipKey: null }, { acceptIp: false });
    const hitIds: bigint[] = [];
    hitIds.push(
      (
        await consumeRateLimit(tx, "otp-device", deviceKey, [...OTP_POLICY.perDevice], {
          tooMany: (wait) => `Код уже отправлен. Новый можно запросить ${wait}.`,
        }, issuedAt)
      ).hitId,
    );
    if (!trusted) {
      // The emergency brake on an SMS-pumping wave: counted over every code the portal sent this hour.
      const sentThisHour = await tx.otpCode.count({ where: { createdAt: { gt: new Date(issuedAt.getTime() - SMS_CAP_WINDOW_SECONDS * 1000) } } });
      if (sentThisHour >= settings.smsPerHourCap) {
        throw new AppError("RATE_LIMITED", "Сейчас слишком много запросов кода. Попробуйте через несколько минут.", { retryAfterSeconds: 5 * 60 });
      }
      if (input.ipKey) {
        await checkRateLimit(tx, "otp-ip", input.ipKey, [...OTP_POLICY.perIp], {
          tooMany: (wait) => `Слишком много запросов кода из этой сети. Попробуйте ${wait}.`,
        }, issuedAt);
      }
      await checkRateLimit(tx, "otp-phone", phone, [...OTP_POLICY.perPhone], {
        tooMany: (wait) => `Для этого номера уже запрошено несколько кодов. Новый можно запросить ${wait}.`,
      }, issuedAt);
      if (captcha) {
        const ipCount = input.ipKey ? await countRateLimitHits(tx, "otp-ip", input.ipKey, 60 * 60, issuedAt) : 0;
        const phoneCount = await countRateLimitHits(tx, "otp-phone", phone, 15 * 60, issuedAt);
        if (ipCount >= OTP_POLICY.captchaAfter.perIpPerHour || phoneCount >= OTP_POLICY.captchaAfter.perPhonePer15Minutes) {
          if (!input.captchaToken) throw new AppError("CAPTCHA_REQUIRED", CAPTCHA_REQUIRED_MESSAGE);
          if (!(await captcha.verify(input.captchaToken, input.ipKey))) throw new AppError("CAPTCHA_REQUIRED", CAPTCHA_FAILED_MESSAGE);
        }
      }
      if (input.ipKey) hitIds.push((await recordRateLimitHit(tx, "otp-ip", input.ipKey, [...OTP_POLICY.perIp], issuedAt)).hitId);
      hitIds.push((await recordRateLimitHit(tx, "otp-phone", phone, [...OTP_POLICY.perPhone], issuedAt)).hitId);
    }
    // A new code replaces this browser's earlier one; other browsers' codes (the owner's) stay valid.
    await tx.otpCode.updateMany({
      where: { phone, deviceHash: input.deviceHash, consumedAt: null, lockedAt: null, expiresAt: { gt: issuedAt } },
      data: { lockedAt: issuedAt },
    });
    await tx.otpCode.create({
      data: { phone, codeHash: hashOtpCode(phone, code), expiresAt, requestedIp: input.ipKey, deviceHash: input.deviceHash, createdAt: issuedAt },
    });
    return { hitIds };
  });
  if ("reopened" in outcome) return outcome.reopened;
  const { hitIds } = outcome;

  try {
    await sendSms(phone, `Carely: код для входа ${code}. Никому его не сообщайте.`, "sign-in-code");
  } catch (error) {
    // The shopper got nothing: let them ask again at once rather than wait out the limits.
    await db.rateLimitHit.deleteMany({ where: { id: { in: hitIds } } }).catch(() => undefined);
    throw error;
  }
  return { phone, expiresAt, resendAfterSeconds: SIGN_IN_CODE.resendAfterSeconds, sent: true };
}
