import "server-only";
import { DAY_MS } from "@/lib/moscow-time";
import { type Tx, db } from "@/server/db/client";
import { now } from "@/server/clock";

/** How long a browser or address stays trusted after the account last signed in from it. */
export const SIGN_IN_TRUST_DAYS = 180;

export interface SignInOrigin {
  /** SHA-256 of the device cookie (device-cookie.ts), when the browser has one. */
  deviceHash: string | null;
  /** The client IP's rate-limit key (client-ip.ts), when known. */
  ipKey: string | null;
}

/**
 * Whether the account signed in from this browser (or, when `acceptIp`, this address) within the trust
 * period. The limits an attacker can run up against an account — per phone, per email, the portal-wide SMS
 * cap — do not apply to its owner's own browser, so nobody without the password or the code can keep the
 * owner out from where they usually sign in.
 */
export async function isTrustedOrigin(tx: Tx, userId: number | null, origin: SignInOrigin, options: { acceptIp: boolean }): Promise<boolean> {
  if (userId === null) return false;
  const since = new Date(now().getTime() - SIGN_IN_TRUST_DAYS * DAY_MS);
  const candidates = [
    ...(origin.deviceHash ? [{ kind: "DEVICE" as const, value: origin.deviceHash }] : []),
    ...(options.acceptIp && origin.ipKey ? [{ kind: "IP" as const, value: origin.ipKey }] : []),
  ];
  if (candidates.length === 0) return false;
  const found = await tx.signInTrust.findFirst({
    where: { userId, lastSeenAt: { gt: since }, OR: candidates },
    select: { userId: true },
  });
  return found !== null;
}

/** After a successful sign-in: remember the browser and the address for the account. */
export async function rememberSignInOrigin(tx: Tx, userId: number, origin: SignInOrigin): Promise<void> {
  const at = now();
  const entries = [
    ...(origin.deviceHash ? [{ kind: "DEVICE" as const, value: origin.deviceHash }] : []),
    ...(origin.ipKey ? [{ kind: "IP" as const, value: origin.ipKey }] : []),
  ];
  for (const entry of entries) {
    await tx.signInTrust.upsert({
      where: { userId_kind_value: { userId, kind: entry.kind, value: entry.value } },
      create: { userId, ...entry, lastSeenAt: at },
      update: { lastSeenAt: at },
    });
  }
}

/** How long a browser's mark and a sign-in address are kept after the account last signed in from them (the fraud signals' memory). */
export const SIGN_IN_RECORD_RETENTION_DAYS = 365;

/** The nightly purge: marks and addresses not seen for SIGN_IN_RECORD_RETENTION_DAYS are deleted. */
export async function purgeOldSignInRecords(input: { at: Date }): Promise<{ deleted: number }> {
  const before = new Date(input.at.getTime() - SIGN_IN_RECORD_RETENTION_DAYS * DAY_MS);
  const { count } = await db.signInTrust.deleteMany({ where: { lastSeenAt: { lt: before } } });
  return { deleted: count };
}
