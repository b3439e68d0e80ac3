import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { lastSmsCode } from "../../../../tests/support/outbox";
import { createShopper } from "../../../../tests/support/factories";
import { deviceHash } from "@/server/auth/device-cookie";
import { setClock } from "@/server/clock";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { PROGRAMME_SETTINGS_KEY } from "@/server/settings/programme-settings";
import { SIGN_IN_CODE } from "@/lib/rules/sign-in-code";
import { OTP_POLICY } from "./otp-policy";
import { requestSignInCode } from "./request-sign-in-code";
import { verifySignInCode } from "./verify-sign-in-code";

// What an attacker who has neither the SMS nor the owner's browser can do to a phone (OTP_POLICY's comment).

const PHONE = "+79123456789";
const T0 = new Date("2026-03-02T09:00:00Z");
const OWNER = { deviceHash: deviceHash("owner-browser-0123456789ab"), ipKey: "198.51.100.10" };
let attackerBrowsers = 0;
/** A fresh browser (new device cookie) on a fresh address each time: the attacker's cheapest move. */
function attacker() {
  attackerBrowsers += 1;
  return { deviceHash: deviceHash(`attacker-browser-${attackerBrowsers}-000000`), ipKey: `203.0.113.${attackerBrowsers % 250}` };
}
function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}
async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
}
/** A shopper who signed in from OWNER's browser before. */
async function ownerWithTrustedBrowser() {
  const owner = await createShopper({ phone: PHONE });
  await db.signInTrust.create({ data: { userId: owner.id, kind: "DEVICE", value: OWNER.deviceHash } });
  return owner;
}
/** The attacker asks for codes from new browsers and guesses each until refused; returns the tries that were compared. */
async function attackFor(quarterHours: number, startSeconds = 0): Promise<number> {
  let compared = 0;
  for (let quarter = 0; quarter < quarterHours; quarter += 1) {
    for (let request = 0; request < 4; request += 1) {
      setClock(at(startSeconds + quarter * 900 + request * 61));
      const browser = attacker();
      if ((await codeOf(requestSignInCode({ phone: PHONE, ...browser }))) !== "OK") continue;
      const real = await lastSmsCode(PHONE);
      for (let guess = 0; guess < SIGN_IN_CODE.maxAttempts; guess += 1) {
        const wrong = String((Number(real) + 1 + guess) % 1_000_000).padStart(6, "0");
        const outcome = await codeOf(verifySignInCode({ phone: PHONE, code: wrong, consent: true, ...browser }));
        if (outcome === "RATE_LIMITED") break;
        expect(["CODE_INVALID", "CODE_LOCKED"]).toContain(outcome);
        compared += 1;
      }
    }
  }
  return compared;
}

beforeEach(() => {
  attackerBrowsers = 0;
  setClock(T0);
});

describe("sign-in codes under attack", () => {
  it("a code works only in the browser that asked for it: another browser can neither spend nor replace it", async () => {
    await requestSignInCode({ phone: PHONE, ...OWNER });
    const ownerCode = await lastSmsCode(PHONE);
    const thief = attacker();
    expect(await codeOf(verifySignInCode({ phone: PHONE, code: ownerCode, consent: true, ...thief }))).toBe("CODE_EXPIRED");
    setClock(at(10));
    await requestSignInCode({ phone: PHONE, ...thief });
    for (let i = 0; i < 5; i += 1) await codeOf(verifySignInCode({ phone: PHONE, code: "000000", consent: true, ...thief }));
    await expect(verifySignInCode({ phone: PHONE, code: ownerCode, consent: true, ...OWNER })).resolves.toMatchObject({ phone: PHONE });
  });

  it("compares at most 90 codes a day from browsers the account never signed in from (the 1-in-10,000 bound)", async () => {
    await ownerWithTrustedBrowser();
    const compared = await attackFor(96);
    expect(compared).toBe(90);
    // 90 compared tries of 1,000,000 possible codes.
    expect(compared / 1_000_000).toBeLessThan(1 / 10_000);
  }, 120_000);

  it("a spent budget compares nothing, not even the right code, from a new browser", async () => {
    for (const second of [0, 61]) {
      setClock(at(second));
      const browser = attacker();
      await requestSignInCode({ phone: PHONE, ...browser });
      for (let i = 0; i < 5; i += 1) await codeOf(verifySignInCode({ phone: PHONE, code: "000000", consent: true, ...browser }));
    }
    setClock(at(122));
    const late = attacker();
    await requestSignInCode({ phone: PHONE, ...late });
    const refused = await verifySignInCode({ phone: PHONE, code: await lastSmsCode(PHONE), consent: true, ...late }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/неверных кодов для этого номера/) });
    expect(await db.user.count({ where: { phone: PHONE } })).toBe(0);
  });

  it("the owner's browser signs in at once after the worst the limits allow", async () => {
    await ownerWithTrustedBrowser();
    // A day of attack from new browsers, the portal's SMS cap reached by a pumping wave, and the owner's
    // own address used up by the attacker too.
    await attackFor(12);
    await db.setting.upsert({ where: { key: PROGRAMME_SETTINGS_KEY }, create: { key: PROGRAMME_SETTINGS_KEY, value: { smsPerHourCap: 10 } }, update: { value: { smsPerHourCap: 10 } } });
    for (let i = 0; i < 25; i += 1) await codeOf(requestSignInCode({ phone: PHONE, deviceHash: attacker().deviceHash, ipKey: OWNER.ipKey }));
    const attackEnded = at(12 * 900);
    setClock(attackEnded);
    expect(await codeOf(requestSignInCode({ phone: PHONE, ...attacker() }))).toBe("RATE_LIMITED");

    await requestSignInCode({ phone: PHONE, ...OWNER });
    const code = await lastSmsCode(PHONE);
    await expect(verifySignInCode({ phone: PHONE, code, consent: true, ...OWNER })).resolves.toMatchObject({ phone: PHONE, isNew: false });
  }, 120_000);

  it("a browser new to the account signs in within 15 minutes of a burst", async () => {
    await createShopper({ phone: PHONE });
    await attackFor(1);
    const newBrowser = { deviceHash: deviceHash("owner-new-phone-0123456789"), ipKey: "198.51.100.77" };
    expect(await codeOf(requestSignInCode({ phone: PHONE, ...newBrowser }))).toBe("RATE_LIMITED");
    setClock(at(15 * 60 + 1));
    await requestSignInCode({ phone: PHONE, ...newBrowser });
    await expect(verifySignInCode({ phone: PHONE, code: await lastSmsCode(PHONE), consent: true, ...newBrowser })).resolves.toMatchObject({ phone: PHONE });
    // Signed in once, that browser is now the owner's: trusted from here on.
    expect(await db.signInTrust.count({ where: { kind: "DEVICE", value: newBrowser.deviceHash } })).toBe(1);
  });
});

describe("the portal-wide SMS cap", () => {
  it("stops codes to new browsers once the hour's codes reach the setting, and lets them through an hour later", async () => {
    await db.setting.create({ data: { key: PROGRAMME_SETTINGS_KEY, value: { smsPerHourCap: 10 } } });
    for (let i = 0; i < 10; i += 1) await requestSignInCode({ phone: `+7900200${String(i).padStart(4, "0")}`, ...attacker() });
    const refused = await requestSignInCode({ phone: "+79002009999", ...attacker() }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/слишком много запросов кода/) });
    expect(await db.outboxMessage.count({ where: { channel: "SMS" } })).toBe(10);
    setClock(at(3601));
    await expect(requestSignInCode({ phone: "+79002009999", ...attacker() })).resolves.toBeTruthy();
  });
});

describe("SmartCaptcha", () => {
  restoreEnvAfterEach(["SMARTCAPTCHA_SERVER_KEY", "SMARTCAPTCHA_BASE_URL"]);
  let fake: Awaited<ReturnType<typeof startFakeHttpServer>>;
  let answer: { status: number; body: unknown } = { status: 200, body: { status: "ok" } };
  beforeEach(async () => {
    answer = { status: 200, body: { status: "ok" } };
    fake = await startFakeHttpServer((_request, response) => json(response, answer.status, answer.body));
    process.env.SMARTCAPTCHA_SERVER_KEY = "ysc2_server_key";
    process.env.SMARTCAPTCHA_BASE_URL = fake.url;
    resetEnvCache();
  });
  afterEach(() => fake.close());

  it("is asked for once an IP crossed its threshold, and checked with the server key and the client's IP", async () => {
    const ip = "203.0.113.200";
    const browser = (n: number) => ({ deviceHash: deviceHash(`captcha-browser-${n}-00000000`), ipKey: ip });
    for (let i = 0; i < OTP_POLICY.captchaAfter.perIpPerHour; i += 1) await requestSignInCode({ phone: `+7900300${String(i).padStart(4, "0")}`, ...browser(i) });
    expect(fake.requests).toHaveLength(0);
    const asked = await requestSignInCode({ phone: "+79003009999", ...browser(9) }).catch((error: unknown) => error);
    expect(asked).toMatchObject({ code: "CAPTCHA_REQUIRED" });

    answer = { status: 200, body: { status: "failed", message: "" } };
    expect(await codeOf(requestSignInCode({ phone: "+79003009999", ...browser(9), captchaToken: "bad-token" }))).toBe("CAPTCHA_REQUIRED");
    answer = { status: 200, body: { status: "ok", message: "" } };
    await expect(requestSignInCode({ phone: "+79003009999", ...browser(9), captchaToken: "good-token" })).resolves.toBeTruthy();

    const sent = new URLSearchParams(fake.requests.at(-1)!.body);
    expect(fake.requests.at(-1)!.path).toBe("/validate");
    expect(Object.fromEntries(sent)).toEqual({ secret: "ysc2_server_key", token: "good-token", ip });
  });

  it("is asked for the second code to a phone from new browsers within 15 minutes, and never from the owner's browser", async () => {
    await ownerWithTrustedBrowser();
    await requestSignInCode({ phone: PHONE, ...attacker() });
    expect(await codeOf(requestSignInCode({ phone: PHONE, ...attacker() }))).toBe("CAPTCHA_REQUIRED");
    await expect(requestSignInCode({ phone: PHONE, ...OWNER })).resolves.toBeTruthy();
  });

  it("lets the user through when the CAPTCHA service itself fails (the hard limits still hold)", async () => {
    answer = { status: 500, body: {} };
    await requestSignInCode({ phone: PHONE, ...attacker() });
    await expect(requestSignInCode({ phone: PHONE, ...attacker(), captchaToken: "any" })).resolves.toBeTruthy();
  });
});
