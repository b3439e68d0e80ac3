import { describe, expect, it } from "vitest";
import { createPortalLogger, maskPersonalData, requestContext } from "./log-core.mjs";
import { withRequestId } from "./logger";
import { requestIdFor, trustedHopsFromEnv } from "./request-id.mjs";

/** A logger writing into an array of parsed lines, configured as the portal's. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createPortalLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { log, lines };
}

describe("maskPersonalData", () => {
  it.each([
    ["+79001234567", "+7********67"],
    ["+7 900 123-45-67", "+7********67"],
    ["8 (900) 123-45-67", "+7********67"],
    ["79001234567", "+7********67"],
    ["+380501234567", "+**********67"],
  ])("masks the phone number %s", (phone, masked) => {
    expect(maskPersonalData(`SMS to ${phone}: код 1234`)).toBe(`SMS to ${masked}: код 1234`);
  });

  it("masks emails, keeping the first character and the domain", () => {
    expect(maskPersonalData("email to olga.petrova+promo@example.ru, copy to a@b.io")).toBe("email to o***@example.ru, copy to a***@b.io");
  });

  it("leaves ids, amounts and fiscal numbers alone", () => {
    const text = "receipt 42 of 9960440300123456 (fn), 1500 ₽, request 81234567890123, at 2026-03-02T09:00:00Z";
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe("the portal's logger", () => {
  it("masks emails and phones in the message", () => {
    const { log, lines } = capture();
    log.info({ event: "dev-outbox.sms" }, "SMS to +79001234567 and shopper@example.test");
    expect(lines[0]).toMatchObject({ msg: "SMS to +7********67 and s***@example.test", level: "info", event: "dev-outbox.sms" });
  });

  it("redacts known keys and masks strings anywhere in the fields", () => {
    const { log, lines } = capture();
    log.info({ phone: "+79001234567", to: "Ольга", user: { email: "olga@example.ru", note: "звонить 8 900 123 45 67" }, list: ["a@example.com"] }, "x");
    expect(lines[0]).toMatchObject({ phone: "+7********67", to: "[redacted]", user: { email: "o***@example.ru", note: "звонить +7********67" }, list: ["a***@example.com"] });
    expect(JSON.stringify(lines[0])).not.toMatch(/9001234567|olga@|a@example/);
  });

  it("masks an error's message and stack, also when the error is all that is logged", () => {
    const { log, lines } = capture();
    const error = new Error("no account for shopper@example.test");
    log.error({ err: error }, "failed");
    log.error(error);
    expect(lines[0]).toMatchObject({ err: { type: "Error", message: "no account for s***@example.test" }, msg: "failed" });
    expect(JSON.stringify(lines[0])).not.toContain("shopper@");
    expect(lines[1]).toMatchObject({ msg: "no account for s***@example.test" });
    expect(JSON.stringify(lines[1])).not.toContain("shopper@");
  });

  it("puts the request id of the call in progress on every line", async () => {
    const { log, lines } = capture();
    log.info("outside");
    await withRequestId("req-12345678", async () => {
      await Promise.resolve();
      log.info("inside");
    });
    requestContext.run({ requestId: "from-the-server" }, () => log.info("set by the portal's server"));
    expect(lines.map((line) => line.requestId)).toEqual([undefined, "req-12345678", "from-the-server"]);
  });
});

describe("requestIdFor", () => {
  it("takes a well-formed X-Request-Id only from a trusted proxy", () => {
    expect(requestIdFor("0f8fad5b-d9cb-469f-a165-70867728950e", 1)).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(requestIdFor("Root=1-67891233-abcdef012345678912345678", 2)).toBe("Root=1-67891233-abcdef012345678912345678");
    expect(requestIdFor("0f8fad5b-d9cb-469f-a165-70867728950e", 0)).not.toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
  });

  it("replaces a malformed or oversized one with a new UUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const sent of ["short", "has space in it", 'quote"injection', "x".repeat(129), "line\nbreak-abcdefgh", undefined]) {
      expect(requestIdFor(sent, 1)).toMatch(uuid);
    }
  });

  it("reads TRUST_PROXY as env.ts does, 0 when malformed", () => {
    expect(trustedHopsFromEnv({ TRUST_PROXY: "2" })).toBe(2);
    expect(trustedHopsFromEnv({ TRUST_PROXY: "" })).toBe(0);
    expect(trustedHopsFromEnv({ TRUST_PROXY: "yes" })).toBe(0);
    expect(trustedHopsFromEnv({})).toBe(0);
  });
});
