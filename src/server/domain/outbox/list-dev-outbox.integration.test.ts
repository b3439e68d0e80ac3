import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/server/config/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { listDevOutbox } from "./list-dev-outbox";

const originalNodeEnv = process.env.NODE_ENV;

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  resetEnvCache();
}

afterEach(() => {
  setEnv("NODE_ENV", originalNodeEnv);
  setEnv("PORTAL_DEMO", undefined);
});

describe("development outbox", () => {
  it("lists what was sent, newest first, filtered by recipient", async () => {
    await db.outboxMessage.createMany({
      data: [
        { channel: "SMS", recipient: "+79120000001", text: "first", status: "SENT" },
        { channel: "SMS", recipient: "+79120000002", text: "other", status: "SENT" },
        { channel: "EMAIL", recipient: "a@example.test", subject: "Тема", text: "second", status: "SENT" },
      ],
    });
    expect((await listDevOutbox()).map((message) => message.text)).toEqual(["second", "other", "first"]);
    expect((await listDevOutbox({ recipient: "+79120000001" })).map((message) => message.text)).toEqual(["first"]);
  });

  it("is closed in production, where it would reveal sign-in codes", async () => {
    setEnv("NODE_ENV", "production");
    const error = await listDevOutbox().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
  });

  it("stays open in a local demo run of the production build", async () => {
    setEnv("NODE_ENV", "production");
    setEnv("PORTAL_DEMO", "1");
    await expect(listDevOutbox()).resolves.toEqual([]);
  });
});
