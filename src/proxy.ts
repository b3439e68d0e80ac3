import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/server/config/env";
import { createCspNonce, pageSecurityHeaders } from "@/server/http/page-security-headers";

/**
 * Every page gets a fresh CSP nonce. Next.js reads it back from the request's Content-Security-Policy
 * header and stamps it on its own scripts; a page's <Script> takes it from `x-nonce`
 * (`(await headers()).get("x-nonce")`). NEXTAUTH_URL is read per request, so one build serves http and
 * https deployments; the captcha key is public and inlined at build, as in the widget itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = createCspNonce();
  const headers = pageSecurityHeaders({
    nonce,
    publicUrl: env().NEXTAUTH_URL,
    development: env().NODE_ENV === "development",
    smartCaptcha: Boolean(process.env.NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY?.trim()),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. Not API routes, static files or the image optimiser; not the prize-picture upload
      // (a proxy in front of a route handler makes Next.js buffer the request body); not an outbox email's
      // HTML, whose own sandboxing policy the proxy's would replace.
      source: "/((?!api(?:/|$)|_next/static/|_next/image(?:/|$)|favicon\\.ico$|staff/prizes/[^/]+/images$|dev/outbox/[^/]+$).*)",
      // Link prefetches carry no scripts to stamp.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
