/**
 * Review links as shoppers paste them: with or without a scheme, from the mobile site, with share and
 * tracking parameters. `normaliseReviewUrl` gives a clean https URL to store and show, and a key under which
 * the same review written any of those ways collides (a review earns points once portal-wide).
 * Pure: used by the request form (instant feedback) and on the server (the authoritative check).
 * Nothing is resolved over the network: short links (ozon.ru/t/…) stay as they are.
 */

export type ReviewPlatformCode = "IRECOMMEND" | "OZON" | "WILDBERRIES" | "YANDEX_MARKET" | "OTHER";

export type NormalisedReviewLink =
  | { ok: true; url: string; key: string; platform: ReviewPlatformCode }
  | { ok: false; message: string };

export const MAX_REVIEW_URL_LENGTH = 2048;

const MESSAGES = {
  empty: "Вставьте ссылку на отзыв.",
  tooLong: `Ссылка слишком длинная (больше ${MAX_REVIEW_URL_LENGTH} символов). Скопируйте адрес отзыва из адресной строки браузера.`,
  spaces: "В ссылке не должно быть пробелов. Вставьте только адрес отзыва.",
  scheme: "Подходят только ссылки на сайты — начинающиеся с http:// или https://.",
  notUrl: "Это не похоже на ссылку. Скопируйте адрес отзыва из адресной строки браузера.",
  credentials: "Ссылка не должна содержать имя пользователя или пароль.",
  noHost: "В ссылке нет адреса сайта (например, irecommend.ru).",
  local: "Нужна ссылка на сайт с отзывом, а не на локальный компьютер или IP-адрес.",
} as const;

/** Share and ad-tracking parameters: never part of what a link points to. Compared lower-cased. */
const TRACKING_PARAMS = new Set([
  "yclid", "ysclid", "gclid", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "igshid", "twclid", "ttclid",
  "mc_cid", "mc_eid", "_openstat", "openstat", "roistat", "admitad_uid", "erid", "clid", "_ga", "_gl",
  "from", "sh", "asb", "asb2", "keywords", "_bctx", "__rr", "share", "share_from", "shared", "si", "spm",
  "referrer", "ref_src",
]);

interface PlatformRule {
  platform: Exclude<ReviewPlatformCode, "OTHER">;
  /** Hosts of the site after www./m./mobile. are removed. */
  hosts: readonly string[];
  /** The host written into the stored URL. */
  displayHost: (canonicalHost: string) => string;
  /** The host used in the key: alternative domains of the same pages collapse into one. */
  keyHost: (canonicalHost: string, path: string) => string;
  /** The site's own tracking/navigation parameters (lower-cased). */
  extraTracking?: ReadonlySet<string>;
  /** The query never identifies a review on this site. */
  dropQuery?: boolean;
  /** Parameters that can be dropped only for some paths. */
  dropParam?: (name: string, path: string) => boolean;
  /** The path as the key sees it (e.g. without the readable slug before a product id). */
  keyPath?: (path: string) => string;
  /** A fragment that identifies a review on the page. */
  keepFragment?: (path: string, fragment: string) => boolean;
}

const PLATFORMS: readonly PlatformRule[] = [
  {
    // Each review is its own page: /content/<slug> (or /node/<id>); the query only pages and sorts comments.
    platform: "IRECOMMEND",
    hosts: ["irecommend.ru"],
    displayHost: () => "irecommend.ru",
    keyHost: () => "irecommend.ru",
    dropQuery: true,
  },
  {
    // /product/<slug>-<sku>/ and /product/<sku>/ are the same page (Ozon resolves by the trailing id);
    // reviews live under /product/<slug>-<sku>/reviews/. Share links carry asb/asb2/avt*/keywords/sh.
    platform: "OZON",
    hosts: ["ozon.ru"],
    displayHost: () => "www.ozon.ru",
    keyHost: () => "ozon.ru",
    extraTracking: new Set(["avtc", "avte", "avts", "from_sku", "oos_search", "miniapp", "abt_att", "layout_container", "layout_page_index"]),
    keyPath: (path) => path.replace(/^\/product\/(?:[^/]*-)?(\d+)(?=\/|$)/, "/product/$1"),
  },
  {
    // Product pages /catalog/<nm>/detail.aspx, reviews /catalog/<nm>/feedbacks?imtId=<card>&size=<size>; a single
    // review is addressed by its id in the fragment (…/feedbacks?imtId=…#<feedbackId>). wb.ru serves the same
    // catalogue paths, so /catalog/… links on it are the same pages.
    platform: "WILDBERRIES",
    hosts: ["wildberries.ru", "wb.ru"],
    displayHost: (host) => (host === "wildberries.ru" ? "www.wildberries.ru" : host),
    keyHost: (host, path) => (host === "wb.ru" && path.startsWith("/catalog/") ? "wildberries.ru" : host),
    extraTracking: new Set(["targeturl", "size", "option", "page"]),
    // imtId follows from a real product id (every nm belongs to one card); only /catalog/0/… needs it.
    dropParam: (name, path) => name === "imtid" && /^\/catalog\/[1-9]\d*(?:\/|$)/.test(path),
    keepFragment: (path, fragment) => /\/feedbacks?(?:\/|$)/.test(path) && /^[A-Za-z0-9_-]{8,64}$/.test(fragment),
  },
  {
    // Models /product--<slug>/<id>[/reviews] and offers /card/<slug>/<id>[/reviews]; the slug is decoration.
    platform: "YANDEX_MARKET",
    hosts: ["market.yandex.ru", "pokupki.market.yandex.ru"],
    displayHost: (host) => host,
    keyHost: (host) => host,
    extraTracking: new Set([
      "hid", "nid", "rt", "track", "lr", "cpa", "cpc", "do-waremd5", "ogv", "showoriginalkmemptyoffer",
      "local-offers-first", "suggest", "suggest_text", "suggest_type", "suggest_reqid", "text", "rs", "uniqueid",
    ]),
    keyPath: (path) =>
      path
        .replace(/^\/product--[^/]*\/(\d+)(?=\/|$)/, "/product/$1")
        .replace(/^\/card\/[^/]+\/(\d+)(?=\/|$)/, "/card/$1"),
  },
];

export function normaliseReviewUrl(input: string): NormalisedReviewLink {
  // Copy-paste brings invisible characters and line breaks along at the ends.
  const text = input.replace(/^[\s\u200B-\u200D\uFEFF]+|[\s\u200B-\u200D\uFEFF]+$/g, "");
  if (text === "") return refuse("empty");
  if (text.length > MAX_REVIEW_URL_LENGTH) return refuse("tooLong");
  if (/[\s\u200B-\u200D\uFEFF]/.test(text)) return refuse("spaces");

  const withScheme = addMissingScheme(text);
  if (withScheme === null) return refuse("scheme");

  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return refuse("notUrl");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return refuse("scheme");
  if (parsed.username !== "" || parsed.password !== "") return refuse("credentials");

  const hostname = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (hostname === "") return refuse("noHost");
  if (isLocalOrIp(hostname)) return refuse("local");
  // A public site's name has a dot and an alphabetic (or IDN) top-level domain.
  if (!/\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(hostname)) return refuse("noHost");

  const canonicalHost = stripAliases(hostname);
  const rule = PLATFORMS.find((candidate) => candidate.hosts.includes(canonicalHost));
  const port = parsed.port === "" ? "" : `:${parsed.port}`;

  const path = normalisePercentEncoding(parsed.pathname).replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  const query = rule?.dropQuery ? "" : normaliseQuery(parsed.searchParams, path, rule);
  const fragment = normalisePercentEncoding(parsed.hash.replace(/^#/, ""));
  const keptFragment = fragment !== "" && rule?.keepFragment?.(path, fragment) ? fragment : "";
  const tail = `${query === "" ? "" : `?${query}`}${keptFragment === "" ? "" : `#${keptFragment}`}`;

  const displayHost = rule ? rule.displayHost(canonicalHost) : hostname;
  const keyHost = rule ? rule.keyHost(canonicalHost, path) : canonicalHost;
  const keyPath = rule?.keyPath ? rule.keyPath(path) : path;
  return {
    ok: true,
    url: `https://${displayHost}${port}${path === "" ? "/" : path}${tail}`,
    key: `${keyHost}${port}${keyPath}${tail}`,
    platform: rule?.platform ?? "OTHER",
  };
}

function refuse(reason: keyof typeof MESSAGES): NormalisedReviewLink {
  return { ok: false, message: MESSAGES[reason] };
}

/** "irecommend.ru/content/x" and "//irecommend.ru/x" mean https; another scheme is returned as is; null: not allowed. */
function addMissingScheme(text: string): string | null {
  if (text.startsWith("//")) return `https:${text}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  // "site.ru:8080/…" and "localhost:3000" are host:port, not a scheme.
  if (scheme === undefined || scheme.includes(".") || /^[^:]+:\d+(?:[/?#]|$)/.test(text)) return `https://${text}`;
  return /^https?$/i.test(scheme) ? text : null;
}

function isLocalOrIp(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  // The URL parser has already turned shorthand forms (http://2130706433/, 0x7f.1) into dotted IPv4.
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname)) return true;
  return hostname.startsWith("[");
}

/** www.site.ru, m.site.ru and mobile.site.ru are the same site; a bare "m.ru" is left alone. */
function stripAliases(hostname: string): string {
  let host = hostname;
  for (;;) {
    const match = /^(?:www\d?|m|mobile)\.(.+)$/.exec(host);
    if (!match?.[1] || !match[1].includes(".")) return host;
    host = match[1];
  }
}

/**
 * RFC 3986 §6.2.2: percent-encoded unreserved characters are decoded (%7E → ~), other escapes get upper-case
 * hex (%d0%bf → %D0%BF). The URL parser has already encoded raw non-ASCII, so "отзыв" and "%D0%BE…" agree.
 */
function normalisePercentEncoding(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Tracking parameters removed; the rest decoded, de-duplicated, sorted and re-encoded one way. */
function normaliseQuery(params: URLSearchParams, path: string, rule: PlatformRule | undefined): string {
  const pairs = new Map<string, [string, string]>();
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    if (name === "" || lower.startsWith("utm_") || TRACKING_PARAMS.has(lower)) continue;
    if (rule?.extraTracking?.has(lower) || rule?.dropParam?.(lower, path)) continue;
    const encoded = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    pairs.set(encoded, [name, value]);
  }
  return [...pairs.entries()]
    .sort(([, [nameA, valueA]], [, [nameB, valueB]]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([encoded]) => encoded)
    .join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
