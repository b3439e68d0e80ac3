import { describe, expect, it } from "vitest";
import { SMARTCAPTCHA_ORIGIN, createCspNonce, pageSecurityHeaders } from "./page-security-headers";

const base = { nonce: "bm9uY2U=", publicUrl: "http://localhost:3000", development: false, smartCaptcha: false };

/** The policy as directive → sources, so a test names what it checks and ignores the order. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split("; ").map((directive) => {
    const [name, ...sources] = directive.split(" ");
    return [name!, sources];
  }));
}

describe("page security headers", () => {
  it("allow scripts by this response's nonce and what they load, and lock down everything else", () => {
    const policy = directives(pageSecurityHeaders(base)["Content-Security-Policy"]!);
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "frame-src": ["'self'"],
      "worker-src": ["'self'", "blob:"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("allow eval in development only", () => {
    expect(directives(pageSecurityHeaders({ ...base, development: true })["Content-Security-Policy"]!).get("script-src")).toContain("'unsafe-eval'");
    expect(pageSecurityHeaders(base)["Content-Security-Policy"]).not.toContain("unsafe-eval");
  });

  it("allow the SmartCaptcha widget's script, frame and requests only when its key is set", () => {
    const withCaptcha = directives(pageSecurityHeaders({ ...base, smartCaptcha: true })["Content-Security-Policy"]!);
    for (const name of ["script-src", "frame-src", "connect-src"]) expect(withCaptcha.get(name), name).toContain(SMARTCAPTCHA_ORIGIN);
    expect([...withCaptcha].filter(([, sources]) => sources.includes(SMARTCAPTCHA_ORIGIN)).map(([name]) => name).sort()).toEqual(["connect-src", "frame-src", "script-src"]);
    expect(pageSecurityHeaders(base)["Content-Security-Policy"]).not.toContain("smartcaptcha");
  });

  it("send HSTS and upgrade insecure requests only when the public address is https", () => {
    const https = pageSecurityHeaders({ ...base, publicUrl: "https://carely.example" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(directives(https["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(true);
    for (const publicUrl of ["http://localhost:3000", undefined, "", "not a url", "http://https.example"]) {
      const headers = pageSecurityHeaders({ ...base, publicUrl });
      expect(headers["Strict-Transport-Security"], String(publicUrl)).toBeUndefined();
      expect(headers["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    }
    expect(pageSecurityHeaders({ ...base, publicUrl: " HTTPS://Carely.example/ " })["Strict-Transport-Security"]).toBeDefined();
  });

  it("make a fresh 128-bit base64 nonce each time", () => {
    const nonces = Array.from({ length: 100 }, createCspNonce);
    expect(new Set(nonces).size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
