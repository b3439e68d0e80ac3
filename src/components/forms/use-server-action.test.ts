import { describe, expect, it } from "vitest";
import { asActionResult } from "./use-server-action";

describe("asActionResult", () => {
  it("turns a sign-in's answer (its message, or null) into what `run` takes", async () => {
    expect(await asActionResult(Promise.resolve(null))).toEqual({ ok: true, data: undefined });
    expect(await asActionResult(Promise.resolve("Неверный код."))).toEqual({ ok: false, code: "INTERNAL", message: "Неверный код." });
  });
});
