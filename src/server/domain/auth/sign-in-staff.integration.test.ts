import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { restoreEnvAfterEach } from "../../../../tests/support/env";
import { json, startFakeHttpServer } from "../../../../tests/support/fake-http-server";
import { resetEnvCache } from "@/server/config/env";
import { STAFF_TEST_PASSWORD, createShopper, createStaff } from "../../../../tests/support/factories";
import { AppError } from "@/server/errors";
import { signInStaff, signInStaffInput } from "./sign-in-staff";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
}

describe("staff sign-in", () => {
  it("signs each staff role in with email and password (email case-insensitive)", async () => {
    for (const role of ["MODERATOR", "STAFF", "ADMIN"] as const) {
      const user = await createStaff(role, { email: `${role.toLowerCase()}@carely.test` });
      const input = signInStaffInput.parse({ email: ` ${role}@Carely.test `, password: STAFF_TEST_PASSWORD, ipKey: null, deviceHash: null });
      await expect(signInStaff(input)).resolves.toMatchObject({ id: user.id, role });
    }
  });

  it("gives one message for a wrong password and an unknown email", async () => {
    await createStaff("MODERATOR", { email: "m@carely.test" });
    const wrongPassword = signInStaff({ email: "m@carely.test", password: "nope", ipKey: null, deviceHash: null });
    await expect(wrongPassword).rejects.toThrow("Неверная почта или пароль.");
    await expect(signInStaff({ email: "nobody@carely.test", password: "nope", ipKey: null, deviceHash: null })).rejects.toThrow("Неверная почта или пароль.");
  });

  it("refuses deactivated staff and shoppers", async () => {
    await createStaff("STAFF", { email: "gone@carely.test", isActive: false });
    expect(await codeOf(signInStaff({ email: "gone@carely.test", password: STAFF_TEST_PASSWORD, ipKey: null, deviceHash: null }))).toBe("ACCOUNT_DISABLED");
    await createShopper();
    expect(await codeOf(signInStaff({ email: "shopper@carely.test", password: STAFF_TEST_PASSWORD, ipKey: null, deviceHash: null }))).toBe("INVALID_CREDENTIALS");
  });

  it("throttles password guessing from one address", async () => {
    await createStaff("ADMIN", { email: "a@carely.test" });
    for (let i = 0; i < 10; i += 1) {
      expect(await codeOf(signInStaff({ email: "a@carely.test", password: `guess-${i}`, ipKey: null, deviceHash: null }))).toBe("INVALID_CREDENTIALS");
    }
    expect(await codeOf(signInStaff({ email: "a@carely.test", password: STAFF_TEST_PASSWORD, ipKey: null, deviceHash: null }))).toBe("RATE_LIMITED");
  });
});

describe("staff sign-in under attack", () => {
  const OWN = { ipKey: "198.51.100.10", deviceHash: null };
  const otherIp = (n: number) => ({ ipKey: `203.0.113.${n}`, deviceHash: null });

  it("50 wrong passwords from other IPs do not keep the owner out: the right password from their own IP works at once", async () => {
    const admin = await createStaff("ADMIN", { email: "a@carely.test" });
    for (let i = 0; i < 50; i += 1) {
      expect(await codeOf(signInStaff({ email: "a@carely.test", password: `guess-${i}`, ...otherIp(i) }))).toBe("INVALID_CREDENTIALS");
    }
    await expect(signInStaff({ email: "a@carely.test", password: STAFF_TEST_PASSWORD, ...OWN })).resolves.toMatchObject({ id: admin.id });
  });

  it("throttles wrong passwords per (email, IP): the guessing address waits, others do not", async () => {
    await createStaff("MODERATOR", { email: "m@carely.test" });
    for (let i = 0; i < 10; i += 1) await codeOf(signInStaff({ email: "m@carely.test", password: `guess-${i}`, ...otherIp(1) }));
    expect(await codeOf(signInStaff({ email: "m@carely.test", password: STAFF_TEST_PASSWORD, ...otherIp(1) }))).toBe("RATE_LIMITED");
    expect(await codeOf(signInStaff({ email: "m@carely.test", password: STAFF_TEST_PASSWORD, ...otherIp(2) }))).toBe("OK");
  });

  it("while an email is under attack, a new address gets one try per 5 minutes for it; an address it signed in from is not slowed", async () => {
    await createStaff("STAFF", { email: "s@carely.test" });
    await signInStaff({ email: "s@carely.test", password: STAFF_TEST_PASSWORD, ...OWN });
    for (let i = 0; i < 10; i += 1) await codeOf(signInStaff({ email: "s@carely.test", password: `guess-${i}`, ...otherIp(i) }));
    expect(await codeOf(signInStaff({ email: "s@carely.test", password: "wrong-again", ...otherIp(100) }))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInStaff({ email: "s@carely.test", password: STAFF_TEST_PASSWORD, ...otherIp(100) }))).toBe("RATE_LIMITED");
    expect(await codeOf(signInStaff({ email: "s@carely.test", password: "typo", ...OWN }))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInStaff({ email: "s@carely.test", password: STAFF_TEST_PASSWORD, ...OWN }))).toBe("OK");
  });
});

describe("staff sign-in with SmartCaptcha configured", () => {
  restoreEnvAfterEach(["SMARTCAPTCHA_SERVER_KEY", "SMARTCAPTCHA_BASE_URL"]);
  let fake: Awaited<ReturnType<typeof startFakeHttpServer>>;
  beforeEach(async () => {
    fake = await startFakeHttpServer((request, response) => json(response, 200, { status: new URLSearchParams(request.body).get("token") === "solved" ? "ok" : "failed" }));
    process.env.SMARTCAPTCHA_SERVER_KEY = "ysc2_server_key";
    process.env.SMARTCAPTCHA_BASE_URL = fake.url;
    resetEnvCache();
  });
  afterEach(() => fake.close());

  it("asks a new address for a CAPTCHA only while the email is under attack, and accepts a solved one", async () => {
    await createStaff("MODERATOR", { email: "c@carely.test" });
    const newcomer = { ipKey: "198.51.100.99", deviceHash: null };
    for (let i = 0; i < 10; i += 1) await codeOf(signInStaff({ email: "c@carely.test", password: `guess-${i}`, ipKey: `203.0.113.${i}`, deviceHash: null }));
    expect(fake.requests).toHaveLength(0);
    expect(await codeOf(signInStaff({ email: "c@carely.test", password: STAFF_TEST_PASSWORD, ...newcomer }))).toBe("CAPTCHA_REQUIRED");
    expect(await codeOf(signInStaff({ email: "c@carely.test", password: STAFF_TEST_PASSWORD, ...newcomer, captchaToken: "robot" }))).toBe("CAPTCHA_REQUIRED");
    // Being asked did not spend the address's one try while the email is slowed.
    expect(await codeOf(signInStaff({ email: "c@carely.test", password: STAFF_TEST_PASSWORD, ...newcomer, captchaToken: "solved" }))).toBe("OK");
  });
});
