import "server-only";
import { isIP } from "node:net";
import { env } from "@/server/config/env";
import { logger } from "@/server/observability/logger";

/**
 * The address of the TCP peer, written by the portal's own HTTP server (scripts/portal-server.mjs) over
 * anything the client sent under that name. It is the only address nobody on the internet can choose.
 */
export const PEER_ADDRESS_HEADER = "x-portal-peer-address";

const INVALID = "invalid";
let warnedNoPeer = false;

/**
 * The client's IP for per-IP limits and fraud signals, never for authorisation.
 *
 * `TRUST_PROXY` is the number of reverse proxies in front of the portal that append to X-Forwarded-For
 * (nginx's `$proxy_add_x_forwarded_for`, a cloud load balancer). The chain is X-Forwarded-For's entries
 * followed by the peer address; with N trusted hops the client is the Nth address from the right — the one
 * the outermost trusted proxy saw. Anything further left was written by the client and is ignored, so a
 * forged leading entry changes nothing. With 0 (the default) the peer address is the client and
 * X-Forwarded-For is not read at all.
 */
export function clientIpFromHeaders(headers: Headers, trustedHops: number = env().TRUST_PROXY): string | null {
  const peer = normaliseIp(headers.get(PEER_ADDRESS_HEADER));
  if (!peer) {
    // Served by plain `next start` rather than the portal's server: Next fills X-Forwarded-For from the
    // socket only when the client sent none, so its last entry is the best there is (and forgeable).
    if (!warnedNoPeer) {
      warnedNoPeer = true;
      logger.warn({ event: "client-ip.no-peer-address" }, "no peer address header: start the portal with npm start (scripts/portal-server.mjs) so per-IP limits cannot be forged");
    }
    const chain = forwardedChain(headers);
    const last = chain.pop();
    return pickFromChain(chain, last && last !== INVALID ? last : null, trustedHops);
  }
  return pickFromChain(trustedHops > 0 ? forwardedChain(headers) : [], peer, trustedHops);
}

function pickFromChain(forwarded: string[], peer: string | null, trustedHops: number): string | null {
  if (!peer) return null;
  if (trustedHops <= 0) return peer;
  const chain = [...forwarded, peer];
  // Fewer entries than trusted hops: the request skipped a proxy (or one is misconfigured); the leftmost
  // address is still one a trusted hop wrote or the peer itself.
  // A garbled entry falls back to the peer: every client behind it then shares one limit, which errs on
  // the strict side.
  const picked = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return picked && picked !== INVALID ? picked : peer;
}

function forwardedChain(headers: Headers): string[] {
  const header = headers.get("x-forwarded-for")?.trim();
  if (!header) return [];
  // An entry that is not an address is kept as a placeholder: it still counts as a hop.
  return header.split(",").map((part) => normaliseIp(part) ?? INVALID);
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[2001:db8::1]:443" and "10.0.0.1:5000" → the address; junk → null. */
export function normaliseIp(raw: string | null | undefined): string | null {
  let value = raw?.trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.toLowerCase().startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * The key per-IP limits count under: an IPv4 address, or an IPv6 address's /64 — one subscriber's network,
 * in which a client can pick any of 2^64 addresses.
 */
export function ipRateLimitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups]
    : ip.split(":");
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
