import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, clientIpFromHeaders, ipRateLimitKey, normaliseIp } from "./client-ip";

function headers(peer: string | null, forwardedFor?: string): Headers {
  const bag = new Headers();
  if (peer !== null) bag.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor !== undefined) bag.set("x-forwarded-for", forwardedFor);
  return bag;
}

describe("clientIpFromHeaders", () => {
  it("with no trusted hops takes the peer address and ignores X-Forwarded-For", () => {
    expect(clientIpFromHeaders(headers("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientIpFromHeaders(headers("203.0.113.7", "1.2.3.4"), 0)).toBe("203.0.113.7");
    expect(clientIpFromHeaders(headers("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8"), 0)).toBe("203.0.113.7");
  });

  it("with one hop takes the address the proxy appended, whatever the client wrote before it", () => {
    // nginx appends the client's address: "<client's own header>, <address nginx saw>".
    expect(clientIpFromHeaders(headers("10.0.0.2", "198.51.100.20"), 1)).toBe("198.51.100.20");
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 198.51.100.20"), 1)).toBe("198.51.100.20");
    expect(clientIpFromHeaders(headers("10.0.0.2", "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.20"), 1)).toBe("198.51.100.20");
  });

  it("with two hops (a CDN, then nginx) takes the second address from the right", () => {
    expect(clientIpFromHeaders(headers("10.0.0.2", "198.51.100.20, 172.16.0.9"), 2)).toBe("198.51.100.20");
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 198.51.100.20, 172.16.0.9"), 2)).toBe("198.51.100.20");
  });

  it("a request that skipped the proxies cannot pick its address: the leftmost of a short chain is a trusted hop's or the peer's", () => {
    expect(clientIpFromHeaders(headers("198.51.100.20"), 1)).toBe("198.51.100.20");
    expect(clientIpFromHeaders(headers("10.0.0.2", "198.51.100.20"), 2)).toBe("198.51.100.20");
  });

  it("a garbled entry where the client should be falls back to the peer (strict, never unlimited)", () => {
    expect(clientIpFromHeaders(headers("10.0.0.2", "1.2.3.4, not-an-ip"), 1)).toBe("10.0.0.2");
  });

  it("without the portal server's peer header falls back to X-Forwarded-For's last entry", () => {
    expect(clientIpFromHeaders(headers(null, "127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIpFromHeaders(headers(null), 0)).toBeNull();
  });
});

describe("normaliseIp", () => {
  it("accepts addresses with ports and brackets and refuses junk", () => {
    expect(normaliseIp(" 10.0.0.1:5000 ")).toBe("10.0.0.1");
    expect(normaliseIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normaliseIp("unknown")).toBeNull();
    expect(normaliseIp("1.2.3.4.5")).toBeNull();
    expect(normaliseIp("")).toBeNull();
  });
});

describe("ipRateLimitKey", () => {
  it("counts an IPv6 client by its /64 and an IPv4 one by its address", () => {
    expect(ipRateLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipRateLimitKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(ipRateLimitKey("2001:db8:aa:bb::9")).toBe(ipRateLimitKey("2001:db8:aa:bb:ffff::1"));
    expect(ipRateLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });
});
