import { describe, expect, it } from "vitest";
import { STAFF_TEST_PASSWORD, createShopper, createStaff } from "../../../../tests/support/factories";
import { AppError } from "@/server/errors";
import { signInStaff, signInStaffInput } from "./sign-in-staff";

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
}

describe("staff sign-in", () => {
  it("signs each staff role in with email and password (email case-insensitive)", async () => {
    for (const role of ["MODERATOR", "STAFF", "ADMIN"] as const) {
      const user = await createStaff(role, { email: `${role.toLowerCase()}@carely.test` });
      const input = signInStaffInput.parse({ email: ` ${role}@Carely.test `, password: STAFF_TEST_PASSWORD, ip: null });
      await expect(signInStaff(input)).resolves.toMatchObject({ id: user.id, role });
    }
  });

  it("gives one message for a wrong password and an unknown email", async () => {
    await createStaff("MODERATOR", { email: "m@carely.test" });
    const wrongPassword = signInStaff({ email: "m@carely.test", password: "nope", ip: null });
    await expect(wrongPassword).rejects.toThrow("Неверная почта или пароль.");
    await expect(signInStaff({ email: "nobody@carely.test", password: "nope", ip: null })).rejects.toThrow("Неверная почта или пароль.");
  });

  it("refuses deactivated staff and shoppers", async () => {
    await createStaff("STAFF", { email: "gone@carely.test", isActive: false });
    expect(await codeOf(signInStaff({ email: "gone@carely.test", password: STAFF_TEST_PASSWORD, ip: null }))).toBe("ACCOUNT_DISABLED");
    await createShopper();
    expect(await codeOf(signInStaff({ email: "shopper@carely.test", password: STAFF_TEST_PASSWORD, ip: null }))).toBe("INVALID_CREDENTIALS");
  });

  it("slows down password guessing per email", async () => {
    await createStaff("ADMIN", { email: "a@carely.test" });
    for (let i = 0; i < 10; i += 1) {
      expect(await codeOf(signInStaff({ email: "a@carely.test", password: `guess-${i}`, ip: null }))).toBe("INVALID_CREDENTIALS");
    }
    expect(await codeOf(signInStaff({ email: "a@carely.test", password: STAFF_TEST_PASSWORD, ip: null }))).toBe("RATE_LIMITED");
  });
});
