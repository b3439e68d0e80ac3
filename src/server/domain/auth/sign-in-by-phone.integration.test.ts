import { beforeEach, describe, expect, it } from "vitest";
import { lastSmsCode } from "../../../../tests/support/outbox";
import { createShopper, createStaff } from "../../../../tests/support/factories";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { requestSignInCode } from "./request-sign-in-code";
import { verifySignInCode } from "./verify-sign-in-code";
import { deviceHash } from "@/server/auth/device-cookie";

const PHONE = "+79123456789";
const T0 = new Date("2026-03-02T09:00:00Z");
/** The browser the tests sign in from (its device cookie's hash). */
const BROWSER = { deviceHash: deviceHash("owner-browser-0123456789ab"), ipKey: null };

async function expectAppError(promise: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

describe("requesting a sign-in code", () => {
  beforeEach(() => setClock(T0));

  it.each(["8 (912) 345-67-89", "+7 912 345 67 89", "9123456789"])("normalises %s to E.164 and sends a 6-digit code", async (written) => {
    const result = await requestSignInCode({ phone: written, deviceHash: BROWSER.deviceHash, ipKey: "203.0.113.5" });
    expect(result.phone).toBe(PHONE);
    expect(await lastSmsCode(PHONE)).toMatch(/^\d{6}$/);
  });

  it("stores only a hash of the code", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    const stored = await db.otpCode.findFirstOrThrow({ where: { phone: PHONE } });
    expect(stored.codeHash).not.toContain(code);
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.expiresAt.getTime() - T0.getTime()).toBe(5 * 60 * 1000);
  });

  it.each(["12345", "+1 212 555 0100", "+7 495 123-45-67", "abc", "", "8 (912) 345-67-8"])("rejects the malformed phone %j with a clear message", async (phone) => {
    await expectAppError(requestSignInCode({ phone, ...BROWSER }), "VALIDATION", /российский мобильный номер/);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("allows one code per 60 seconds per browser: asked again sooner, it reopens the code sent with the wait left", async () => {
    const first = await requestSignInCode({ phone: PHONE, ...BROWSER });
    expect(first).toMatchObject({ phone: PHONE, sent: true, resendAfterSeconds: 60 });
    setClock(at(30));
    // A reload, the phone typed again: no second SMS, the same code still works, 30 seconds to wait.
    await expect(requestSignInCode({ phone: "8 912 345 67 89", ...BROWSER })).resolves.toEqual({
      phone: PHONE,
      expiresAt: first.expiresAt,
      resendAfterSeconds: 30,
      sent: false,
    });
    expect(await db.outboxMessage.count({ where: { recipient: PHONE } })).toBe(1);
    const code = await lastSmsCode(PHONE);
    await expect(verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER })).resolves.toMatchObject({ phone: PHONE });
  });

  it("sends a new code once the wait is over", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    setClock(at(61));
    await expect(requestSignInCode({ phone: PHONE, ...BROWSER })).resolves.toMatchObject({ phone: PHONE, sent: true, resendAfterSeconds: 60 });
    expect(await db.outboxMessage.count({ where: { recipient: PHONE } })).toBe(2);
  });

  it("refuses with the wait when this browser's code can no longer be entered (locked by wrong tries)", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    await db.otpCode.updateMany({ where: { phone: PHONE }, data: { lockedAt: at(10) } });
    setClock(at(30));
    const error = await expectAppError(requestSignInCode({ phone: PHONE, ...BROWSER }), "RATE_LIMITED", /Новый можно запросить через 30 секунд/);
    expect(error.retryAfterSeconds).toBe(30);
  });

  it("does not reopen another browser's code", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    setClock(at(30));
    const other = { deviceHash: deviceHash("other-browser-0123456789ab"), ipKey: null };
    await expect(requestSignInCode({ phone: PHONE, ...other })).resolves.toMatchObject({ sent: true });
    expect(await db.outboxMessage.count({ where: { recipient: PHONE } })).toBe(2);
  });

  it("refuses a 4th code for a phone from new browsers within 15 minutes, with the wait in the message", async () => {
    for (let i = 0; i < 3; i += 1) {
      setClock(at(i * 70));
      await requestSignInCode({ phone: PHONE, ...BROWSER });
    }
    setClock(at(3 * 70));
    await expectAppError(requestSignInCode({ phone: PHONE, ...BROWSER }), "RATE_LIMITED", /Новый можно запросить через \d+ минут/);
    expect(await db.outboxMessage.count({ where: { recipient: PHONE } })).toBe(3);
    setClock(at(15 * 60 + 1));
    await expect(requestSignInCode({ phone: PHONE, ...BROWSER })).resolves.toMatchObject({ phone: PHONE });
  });

  it("allows a browser the account signed in from 5 codes an hour, whatever new browsers did", async () => {
    const owner = await createShopper({ phone: PHONE });
    await db.signInTrust.create({ data: { userId: owner.id, kind: "DEVICE", value: BROWSER.deviceHash } });
    for (let i = 0; i < 5; i += 1) {
      setClock(at(i * 70));
      await requestSignInCode({ phone: PHONE, ...BROWSER });
    }
    // The fifth code is still valid: asking again reopens it, with the hour's wait.
    setClock(at(5 * 70));
    await expect(requestSignInCode({ phone: PHONE, ...BROWSER })).resolves.toMatchObject({ sent: false, resendAfterSeconds: 60 * 60 - 5 * 70 });
    // Once it has expired there is nothing to enter: the refusal with the wait.
    setClock(at(4 * 70 + 301));
    await expectAppError(requestSignInCode({ phone: PHONE, ...BROWSER }), "RATE_LIMITED", /через \d+ минут/);
  });

  it("limits codes per IP across many phones", async () => {
    for (let i = 0; i < 20; i += 1) {
      await requestSignInCode({ phone: `+7900100${i.toString().padStart(4, "0")}`, deviceHash: BROWSER.deviceHash, ipKey: "198.51.100.7" });
    }
    await expectAppError(requestSignInCode({ phone: "+79001009999", deviceHash: BROWSER.deviceHash, ipKey: "198.51.100.7" }), "RATE_LIMITED", /из этой сети/);
    await expect(requestSignInCode({ phone: "+79001009999", deviceHash: BROWSER.deviceHash, ipKey: "198.51.100.8" })).resolves.toBeTruthy();
  });

  it("counts concurrent requests for one phone exactly (one code, not several)", async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => requestSignInCode({ phone: PHONE, ...BROWSER })));
    const answers = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    // One sends the code; the others, serialised behind it, reopen that code.
    expect(answers.filter((answer) => answer.sent)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { recipient: PHONE } })).toBe(1);
  });

  it("refuses a deactivated shopper", async () => {
    await createShopper({ phone: PHONE, isActive: false });
    await expectAppError(requestSignInCode({ phone: PHONE, ...BROWSER }), "ACCOUNT_DISABLED");
  });
});

describe("verifying a sign-in code", () => {
  beforeEach(() => setClock(T0));

  it("creates the account on first sign-in with the consent time recorded", async () => {
    await requestSignInCode({ phone: "8 (912) 345-67-89", ...BROWSER });
    const code = await lastSmsCode(PHONE);
    setClock(at(20));
    const shopper = await verifySignInCode({ phone: "9123456789", code, consent: true, ...BROWSER });
    expect(shopper).toMatchObject({ role: "CUSTOMER", phone: PHONE, isNew: true });
    const user = await db.user.findUniqueOrThrow({ where: { phone: PHONE } });
    expect(user.consentAt).toEqual(at(20));
    expect(user.consentVersion).toBeTruthy();
  });

  it("signs an existing shopper in without creating another account", async () => {
    const existing = await createShopper({ phone: PHONE });
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const shopper = await verifySignInCode({ phone: PHONE, code: await lastSmsCode(PHONE), consent: false, ...BROWSER });
    expect(shopper).toMatchObject({ id: existing.id, isNew: false });
    expect(await db.user.count({ where: { phone: PHONE } })).toBe(1);
  });

  it("requires consent from a new shopper and keeps the code usable", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    await expectAppError(verifySignInCode({ phone: PHONE, code, consent: false, ...BROWSER }), "CONSENT_REQUIRED", /согласие/);
    expect(await db.user.count()).toBe(0);
    await expect(verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER })).resolves.toMatchObject({ isNew: true });
  });

  it("locks the code after 5 wrong attempts, even for the right code afterwards", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expectAppError(verifySignInCode({ phone: PHONE, code: wrong, consent: true, ...BROWSER }), "CODE_INVALID", new RegExp(`Остал\\S+ ${5 - attempt}`));
    }
    await expectAppError(verifySignInCode({ phone: PHONE, code: wrong, consent: true, ...BROWSER }), "CODE_LOCKED", /запросите новый код/);
    await expectAppError(verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER }), "CODE_LOCKED");
    expect(await db.user.count()).toBe(0);
  });

  it("never grants more than 5 guesses to parallel attempts", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    const wrong = code === "000000" ? "111111" : "000000";
    await Promise.allSettled(Array.from({ length: 12 }, () => verifySignInCode({ phone: PHONE, code: wrong, consent: true, ...BROWSER })));
    const stored = await db.otpCode.findFirstOrThrow({ where: { phone: PHONE } });
    expect(stored.attempts).toBe(5);
    expect(stored.lockedAt).not.toBeNull();
  });

  it("expires the code after 5 minutes", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    setClock(at(5 * 60 + 1));
    await expectAppError(verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER }), "CODE_EXPIRED", /истёк/);
  });

  it("accepts a code once, even when submitted twice at the same moment", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const code = await lastSmsCode(PHONE);
    const results = await Promise.allSettled([1, 2, 3].map(() => verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { phone: PHONE } })).toBe(1);
    await expectAppError(verifySignInCode({ phone: PHONE, code, consent: true, ...BROWSER }), "CODE_EXPIRED");
  });

  it("only the newest code counts", async () => {
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const first = await lastSmsCode(PHONE);
    setClock(at(61));
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    const second = await lastSmsCode(PHONE);
    if (first !== second) {
      await expectAppError(verifySignInCode({ phone: PHONE, code: first, consent: true, ...BROWSER }), "CODE_INVALID");
    }
    await expect(verifySignInCode({ phone: PHONE, code: second, consent: true, ...BROWSER })).resolves.toMatchObject({ phone: PHONE });
  });

  it("does not let a staff member in through the shoppers' door", async () => {
    const moderator = await createStaff("MODERATOR");
    await db.user.update({ where: { id: moderator.id }, data: { phone: PHONE } });
    await requestSignInCode({ phone: PHONE, ...BROWSER });
    await expectAppError(verifySignInCode({ phone: PHONE, code: await lastSmsCode(PHONE), consent: true, ...BROWSER }), "FORBIDDEN");
  });
});

describe("rate-limit bookkeeping", () => {
  it("keeps only the hits that can still count", async () => {
    setClock(T0);
    await requestSignInCode({ phone: PHONE, deviceHash: BROWSER.deviceHash, ipKey: "203.0.113.9" });
    setClock(at(2 * 3600));
    await requestSignInCode({ phone: PHONE, deviceHash: BROWSER.deviceHash, ipKey: "203.0.113.9" });
    expect(await db.rateLimitHit.count({ where: { key: PHONE } })).toBe(1);
    expect(await db.rateLimitHit.count({ where: { key: "203.0.113.9" } })).toBe(1);
  });
});
