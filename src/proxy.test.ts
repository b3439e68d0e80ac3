import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { restoreEnvAfterEach } from "../tests/support/env";
import { config, proxy } from "./proxy";

const runsOn = (url: string, headers: Record<string, string> = {}) => unstable_doesMiddlewareMatch({ config, url, headers });

describe("the proxy", () => {
  restoreEnvAfterEach(["NEXTAUTH_URL", "NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY"]);

  it("runs on pages", () => {
    for (const url of ["/", "/login", "/login/staff", "/cabinet/requests/new", "/staff/prizes/12", "/staff/prizes/12/edit", "/dev/outbox", "/apiary", "/admin/audit?page=2"]) {
      expect(runsOn(url), url).toBe(true);
    }
  });

  it("stays off API routes, static files, the prize-picture upload, outbox emails and link prefetches", () => {
    for (const url of [
      "/api/uploads",
      "/api/images/0b0c6a55-3a53-4a5e-9d8e-0a6f4a1f2b3c?variant=thumb",
      "/api/auth/session",
      "/_next/static/chunks/main.js",
      "/_next/image?url=%2Fx.png&w=64&q=75",
      "/favicon.ico",
      "/staff/prizes/12/images",
      "/dev/outbox/41",
    ]) {
      expect(runsOn(url), url).toBe(false);
    }
    expect(runsOn("/cabinet", { "next-router-prefetch": "1" })).toBe(false);
    expect(runsOn("/cabinet", { purpose: "prefetch" })).toBe(false);
  });

  it("hands the page a fresh nonce in the request's policy and x-nonce, and sends the same policy back", async () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const first = proxy(new NextRequest("http://localhost:3000/login"));
    const second = proxy(new NextRequest("http://localhost:3000/login"));

    const policy = first.headers.get("content-security-policy")!;
    const nonce = first.headers.get("x-middleware-request-x-nonce")!;
    expect(nonce).toBeTruthy();
    expect(policy).toContain(`'nonce-${nonce}' 'strict-dynamic'`);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(second.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(policy).not.toContain("smartcaptcha");
  });

  it("sends HSTS when NEXTAUTH_URL is https and allows the captcha when its key is set", () => {
    process.env.NEXTAUTH_URL = "https://carely.example";
    process.env.NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY = "ysc1_test";
    const response = proxy(new NextRequest("https://carely.example/login"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("frame-src 'self' https://smartcaptcha.yandexcloud.net");
  });
});
