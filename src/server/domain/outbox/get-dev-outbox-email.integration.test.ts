import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getDevOutboxEmail } from "./get-dev-outbox-email";

const originalNodeEnv = process.env.NODE_ENV;

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  resetEnvCache();
}

afterEach(() => setEnv("NODE_ENV", originalNodeEnv));

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
}

describe("development outbox email preview", () => {
  it("returns an email's HTML, and nothing for SMS or in production", async () => {
    const email = await db.outboxMessage.create({ data: { channel: "EMAIL", recipient: "a@example.test", subject: "Тема", text: "Текст", html: "<p>Текст</p>", status: "SENT" } });
    const sms = await db.outboxMessage.create({ data: { channel: "SMS", recipient: "+79120000001", text: "код", status: "SENT" } });
    await expect(getDevOutboxEmail(email.id)).resolves.toEqual({ subject: "Тема", html: "<p>Текст</p>" });
    expect(await codeOf(getDevOutboxEmail(sms.id))).toBe("NOT_FOUND");

    setEnv("NODE_ENV", "production");
    expect(await codeOf(getDevOutboxEmail(email.id))).toBe("NOT_FOUND");
  });
});
