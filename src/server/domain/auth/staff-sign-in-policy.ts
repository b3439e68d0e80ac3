import "server-only";

/**
 * Staff password limits. Wrong passwords are counted per (email, IP): an attacker's address is throttled,
 * not the account. The email as a whole is only slowed down: once it took `underAttackAfter` wrong passwords
 * within 15 minutes, each address the account has not signed in from (within 180 days) gets one try per
 * 5 minutes for it — so the owner's first try from anywhere goes through at once, and from a usual address
 * or browser nothing changes. With SmartCaptcha configured, such tries need a solved CAPTCHA as well.
 * Passwords are at least 10 characters and hashed with argon2id, so even a botnet's one try per address per
 * 5 minutes gets nowhere; the per-IP limit bounds a single address across all emails.
 */
export const STAFF_SIGN_IN_POLICY = {
  /** Wrong passwords for one email from one IP. */
  perEmailAndIp: [{ limit: 10, windowSeconds: 15 * 60 }],
  /** Tries (right or wrong) from one IP across all emails. */
  perIp: [{ limit: 50, windowSeconds: 15 * 60 }],
  /** Wrong passwords for one email from anywhere, counted over this window… */
  perEmailWindowSeconds: 15 * 60,
  /** …after this many the email counts as under attack… */
  underAttackAfter: 10,
  /** …and each untrusted address gets one try per this many seconds for it. */
  underAttackSlowDown: [{ limit: 1, windowSeconds: 5 * 60 }],
} as const;
