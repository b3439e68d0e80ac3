import "server-only";

// The headers src/proxy.ts puts on every page response. Pure, so the policy is tested without a server.

/** Where the optional Yandex SmartCaptcha widget loads its script, frame and checks from. */
export const SMARTCAPTCHA_ORIGIN = "https://smartcaptcha.yandexcloud.net";

export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

export interface PageSecurityOptions {
  /** This response's nonce (createCspNonce). */
  nonce: string;
  /** The portal's public address (NEXTAUTH_URL, read at run time): https switches HSTS on. */
  publicUrl: string | undefined;
  /** `next dev`: React rebuilds server error stacks with eval there, never in a production build. */
  development: boolean;
  /** NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY is set, so pages may show the captcha widget. */
  smartCaptcha: boolean;
}

/** 128 random bits, base64: unguessable and new for every page response. */
export function createCspNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function pageSecurityHeaders(options: PageSecurityOptions): Record<string, string> {
  const https = isHttps(options.publicUrl);
  return {
    "Content-Security-Policy": pageContentSecurityPolicy({ ...options, https }),
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * Scripts run only with this response's nonce, plus whatever those scripts load ('strict-dynamic':
 * Next.js's chunks, the captcha widget). Host sources in script-src are ignored by browsers that know
 * 'strict-dynamic' and only serve older ones. Styles may be inline: React components set style attributes
 * (progress bars, rotated images, heat-table cells), which no nonce can cover, and a nonce in style-src
 * would switch 'unsafe-inline' off. Nothing may frame the portal; forms post only to it. Over https, a
 * stray http:// subresource is upgraded rather than loaded in the clear.
 */
function pageContentSecurityPolicy(options: PageSecurityOptions & { https: boolean }): string {
  const captcha = options.smartCaptcha ? [SMARTCAPTCHA_ORIGIN] : [];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...captcha, ...(options.development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...captcha],
    ["frame-src", "'self'", ...captcha],
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(options.https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

function isHttps(publicUrl: string | undefined): boolean {
  try {
    return publicUrl !== undefined && new URL(publicUrl.trim()).protocol === "https:";
  } catch {
    return false;
  }
}
