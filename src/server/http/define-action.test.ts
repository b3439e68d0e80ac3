import { redirect } from "next/navigation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { GENERIC_ERROR_MESSAGE } from "@/lib/action-result";
import { logger } from "@/server/observability/logger";
import { defineAction, isDefinedAction } from "./define-action";
import { byActor, byIp } from "./edge-call";

// No Next.js request here: the headers carry the peer address the portal's server writes, the session is
// scripted (tests/support/session.ts), and the limits' transaction and counter are stand-ins.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-portal-peer-address": "203.0.113.7" }),
}));
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", async (importOriginal) =>
  (await import("../../../tests/support/session")).scriptedSessionModule(await importOriginal<object>(), session),
);
const limits = vi.hoisted(() => ({ consumeRateLimit: vi.fn() }));
vi.mock("@/server/db/client", () => ({ db: { $transaction: async (work: (tx: object) => Promise<unknown>) => work({}) } }));
vi.mock("@/server/rate-limit", () => ({ consumeRateLimit: limits.consumeRateLimit }));

const admin: Actor = { id: 7, role: "ADMIN", phone: null, email: "admin@example.test", name: "Админ" };
const shopper: Actor = { id: 8, role: "CUSTOMER", phone: "+79000000001", email: null, name: null };

const echoInput = z.object({ name: z.string().trim().min(2, "Имя — не короче 2 символов."), count: z.coerce.number().int().positive("Число — больше нуля.") });

let info: ReturnType<typeof vi.spyOn>;
let error: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  session.actor = null;
  limits.consumeRateLimit.mockReset();
  info = vi.spyOn(logger, "info");
  error = vi.spyOn(logger, "error");
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every line logged, at either level, as the objects passed. */
function logLines(): Record<string, unknown>[] {
  return [...info.mock.calls, ...error.mock.calls].map((call) => call[0] as Record<string, unknown>);
}

describe("defineAction", () => {
  it("runs a public action with the parsed input and the client IP, returns ok and logs one line", async () => {
    const run = vi.fn(async ({ actor, input, ip }: { actor: null; input: z.output<typeof echoInput>; ip: string | null }) => ({ actor, input, ip }));
    const action = defineAction({ name: "echo", roles: "public", input: echoInput, run });

    const result = await action({ name: "  Оля ", count: "3" });

    expect(result).toEqual({ ok: true, data: { actor: null, input: { name: "Оля", count: 3 }, ip: "203.0.113.7" } });
    expect(run).toHaveBeenCalledTimes(1);
    expect(isDefinedAction(action)).toBe(true);
    expect(logLines()).toHaveLength(1);
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]![0]).toMatchObject({ event: "action", name: "echo", outcome: "ok", ms: expect.any(Number) });
    expect(error).not.toHaveBeenCalled();
  });

  it("passes the signed-in actor of an admitted role to run and logs who it was", async () => {
    session.actor = admin;
    const action = defineAction({ name: "who", roles: ["ADMIN"], input: z.object({}), run: async ({ actor }) => actor.id });

    expect(await action({})).toEqual({ ok: true, data: 7 });
    expect(info.mock.calls[0]![0]).toMatchObject({ event: "action", name: "who", outcome: "ok", userId: 7, role: "ADMIN" });
  });

  it("answers FORBIDDEN to another role without parsing the input or calling run", async () => {
    session.actor = shopper;
    const run = vi.fn(async () => "never");
    const action = defineAction({ name: "admin-only", roles: ["ADMIN"], input: echoInput, run });

    const result = await action({ name: "", count: "0" });

    expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: "Недостаточно прав для этого действия." });
    expect(run).not.toHaveBeenCalled();
    expect(logLines()).toEqual([expect.objectContaining({ event: "action", name: "admin-only", outcome: "FORBIDDEN" })]);
  });

  it("answers UNAUTHENTICATED to a stranger", async () => {
    const run = vi.fn(async () => "never");
    const action = defineAction({ name: "admin-only", roles: ["ADMIN"], input: echoInput, run });

    expect(await action({ name: "Оля", count: 1 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers VALIDATION with one message per field without calling run", async () => {
    const run = vi.fn(async () => "never");
    const action = defineAction({ name: "echo", roles: "public", input: echoInput, run });

    const result = await action({ name: " x ", count: "-1" });

    expect(result).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Имя — не короче 2 символов.",
      fieldErrors: { name: "Имя — не короче 2 символов.", count: "Число — больше нуля." },
    });
    expect(run).not.toHaveBeenCalled();
    expect(logLines()).toEqual([expect.objectContaining({ outcome: "VALIDATION" })]);
    expect(error).not.toHaveBeenCalled();
  });

  it("maps an AppError thrown by run to its code, message and extras", async () => {
    const action = defineAction({
      name: "conflict",
      roles: "public",
      input: z.object({}),
      run: async () => {
        throw new AppError("CONFLICT", "Заказ только что изменился. Обновите страницу.", { fieldErrors: { orderId: "Обновите страницу." } });
      },
    });

    expect(await action({})).toEqual({
      ok: false,
      code: "CONFLICT",
      message: "Заказ только что изменился. Обновите страницу.",
      fieldErrors: { orderId: "Обновите страницу." },
    });
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]![0]).toMatchObject({ event: "action", name: "conflict", outcome: "CONFLICT" });
    expect(error).not.toHaveBeenCalled();
  });

  it("maps an unexpected error to INTERNAL with the generic message and logs it at error level", async () => {
    const boom = new Error("connection reset: secret details");
    const action = defineAction({
      name: "boom",
      roles: "public",
      input: z.object({}),
      run: async () => {
        throw boom;
      },
    });

    const result = await action({});

    expect(result).toEqual({ ok: false, code: "INTERNAL", message: GENERIC_ERROR_MESSAGE });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(info).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]![0]).toMatchObject({ event: "action", name: "boom", outcome: "INTERNAL", err: boom });
  });

  it("lets a redirect() thrown inside run propagate: it is Next's control flow, not a failure", async () => {
    const action = defineAction({
      name: "go",
      roles: "public",
      input: z.object({}),
      run: async () => redirect("/cabinet"),
    });

    await expect(action({})).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
    expect(logLines()).toEqual([]);
  });

  it("counts the limits before run, skips a limit whose key is null, and answers RATE_LIMITED without calling run", async () => {
    session.actor = admin;
    const run = vi.fn(async () => "sent");
    const tooMany = (wait: string) => `Слишком много запросов. Попробуйте ${wait}.`;
    const action = defineAction({
      name: "invite",
      roles: ["ADMIN"],
      input: z.object({ email: z.string() }),
      limits: [
        { bucket: "per-actor", key: byActor, rules: [{ limit: 30, windowSeconds: 600 }], tooMany },
        { bucket: "per-ip", key: byIp, rules: [{ limit: 20, windowSeconds: 900 }], tooMany },
        { bucket: "never", key: () => null, rules: [{ limit: 1, windowSeconds: 60 }], tooMany },
      ],
      run,
    });

    expect(await action({ email: "a@example.test" })).toEqual({ ok: true, data: "sent" });
    expect(limits.consumeRateLimit.mock.calls.map((call) => [call[1], call[2]])).toEqual([
      ["per-actor", "user:7"],
      ["per-ip", "203.0.113.7"],
    ]);

    limits.consumeRateLimit.mockRejectedValueOnce(new AppError("RATE_LIMITED", tooMany("через 4 минуты"), { retryAfterSeconds: 200 }));
    expect(await action({ email: "a@example.test" })).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      message: "Слишком много запросов. Попробуйте через 4 минуты.",
      retryAfterSeconds: 200,
    });
    expect(run).toHaveBeenCalledTimes(1);
  });
});
