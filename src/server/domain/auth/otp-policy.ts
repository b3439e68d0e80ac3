import "server-only";

/** Sign-in code rules (issue #2): 6 digits, 5 minutes, 5 attempts, 1 per 60 s and 5 per hour per phone. */
export const OTP_POLICY = {
  ttlSeconds: 5 * 60,
  maxAttempts: 5,
  perPhone: [
    { limit: 1, windowSeconds: 60 },
    { limit: 5, windowSeconds: 60 * 60 },
  ],
  perIp: [{ limit: 20, windowSeconds: 60 * 60 }],
} as const;

export const PHONE_INVALID_MESSAGE =
  "Введите российский мобильный номер, например +7 912 345-67-89 или 8 912 345-67-89.";
