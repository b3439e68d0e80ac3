import "server-only";

/**
 * The client's IP for per-IP rate limits. Next's server fills X-Forwarded-For from the socket; behind a
 * reverse proxy the proxy's header comes first. Used only for limits, never for authorisation.
 */
export function clientIpFromHeaders(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  const ip = first || headers.get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 64) : null;
}
