// @ts-check
// The logger's making, in plain JavaScript: shared by the Next bundles (src/server/observability/logger.ts)
// and the portal's own HTTP server (scripts/portal-server.mjs), which loads without a TypeScript loader (so not `server-only`).
// Types for importers: log-core.d.mts; this file is checked by tsc through its JSDoc.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import pretty from "pino-pretty";

// On globalThis: the custom server and each Next bundle load their own copy of this module, and a request's
// id set by one must be read by the others.
const CONTEXT_KEY = Symbol.for("carely.requestContext");
const LOGGER_KEY = Symbol.for("carely.logger");
const processWide = /** @type {{ [CONTEXT_KEY]?: AsyncLocalStorage<{ requestId: string }>, [LOGGER_KEY]?: import("pino").Logger }} */ (globalThis);
/** @type {AsyncLocalStorage<{ requestId: string }>} */
export const requestContext = (processWide[CONTEXT_KEY] ??= new AsyncLocalStorage());

export function currentRequestId() {
  return requestContext.getStore()?.requestId;
}

// Emails: the first character and the domain stay, enough to tell two apart while debugging.
const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
// Russian numbers written any common way (+7 900 123-45-67, 8 (900) 1234567, 79001234567), and other
// international ones (+ and 10–15 digits); the last two digits stay. Not inside a longer run of digits, so
// fiscal numbers (16 digits) and ids are left alone.
const RUSSIAN_PHONE = /(?<![\d+])(?:\+7|7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*(\d{2})(?!\d)/g;
const OTHER_PHONE = /\+\d{8,13}(\d{2})(?!\d)/g;

/**
 * Masks the emails and phone numbers in a string.
 * @param {string} text
 * @returns {string}
 */
export function maskPersonalData(text) {
  return text
    .replace(EMAIL, "$1***@$2")
    .replace(RUSSIAN_PHONE, "+7********$1")
    .replace(OTHER_PHONE, "+**********$1");
}

/** Keys whose values are personal data whatever they look like (and, for strings, masked as above). */
export const REDACTED_KEYS = ["phone", "email", "to", "recipient", "recipientEmail", "recipientPhone"];
const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]),
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

/**
 * A known key's value: shown masked when it is an email or a phone (formatters.log has masked it by the
 * time redaction runs), hidden otherwise.
 * @param {unknown} value
 */
function censorKnownKey(value) {
  if (typeof value !== "string") return "[redacted]";
  const masked = maskPersonalData(value);
  return /\*{3}/.test(masked) ? masked : "[redacted]";
}

const MAX_DEPTH = 6;

/**
 * A copy of a log line's fields with every string masked and every Error serialised (then masked).
 * @param {unknown} value
 * @param {number} [depth]
 * @returns {unknown}
 */
function maskDeep(value, depth = 0) {
  if (typeof value === "string") return maskPersonalData(value);
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return maskDeep(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  if (value instanceof Date) return value;
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (const [key, item] of Object.entries(value)) copy[key] = maskDeep(item, depth + 1);
  return copy;
}

/**
 * pino with the portal's settings: JSON lines on stdout (pretty, synchronously, when `pretty`), ISO times,
 * the level by name, the request id of the call in progress on every line, and personal data masked —
 * known keys by pino's redact, and any email or phone number inside messages and other strings.
 * No transports: they run in worker threads, which the Next bundle cannot load.
 * @param {{ level?: string, pretty?: boolean, base?: Record<string, unknown>, destination?: import("pino").DestinationStream }} [options]
 * @returns {import("pino").Logger}
 */
export function createPortalLogger({ level, pretty: prettyOutput = false, base = { service: "portal" }, destination } = {}) {
  /** @type {import("pino").LoggerOptions} */
  const options = {
    level,
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => /** @type {Record<string, unknown>} */ (maskDeep(fields)),
    },
    // Errors are serialised (and masked) by formatters.log above; whatever reaches the serialiser is done.
    serializers: { err: (value) => value },
    redact: { paths: REDACT_PATHS, censor: censorKnownKey },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    hooks: {
      logMethod(args, method) {
        // logger.error(error) alone: pino would take the message from the error, unmasked.
        if (args[0] instanceof Error && typeof args[1] !== "string") args = [{ err: args[0] }, args[0].message, ...args.slice(1)];
        return method.apply(
          this,
          /** @type {typeof args} */ (args.map((arg) => (typeof arg === "string" ? maskPersonalData(arg) : arg))),
        );
      },
    },
  };
  if (destination) return pino(options, destination);
  if (prettyOutput) {
    return pino(options, pretty({ sync: true, colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" }));
  }
  return pino(options);
}

/**
 * LOG_LEVEL, or info (silent under Vitest unless LOG_LEVEL asks).
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function defaultLogLevel(env = process.env) {
  return env.LOG_LEVEL || (env.VITEST ? "silent" : "info");
}

/**
 * The process's logger, made once and kept on globalThis (one stream and one configuration for the custom
 * server and every bundle): LOG_LEVEL, pretty when NODE_ENV is development.
 * @returns {import("pino").Logger}
 */
export function portalLogger() {
  return (processWide[LOGGER_KEY] ??= createPortalLogger({ level: defaultLogLevel(), pretty: process.env.NODE_ENV === "development" }));
}
