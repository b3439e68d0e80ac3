// @ts-check
// The request id, in plain JavaScript for scripts/portal-server.mjs (so not `server-only`) (types for importers: request-id.d.mts;
// this file is checked by tsc through its JSDoc).
import { randomUUID } from "node:crypto";

/** What a proxy sends and what the portal answers with. */
export const REQUEST_ID_HEADER = "x-request-id";
/**
 * How the portal's server hands the id to Next: written over anything the client sent under that name, so
 * only the server decides it (read by src/server/http/edge-call.ts).
 */
export const INTERNAL_REQUEST_ID_HEADER = "x-portal-request-id";

// UUIDs, hex trace ids (nginx's $request_id), cloud balancers' "Root=1-…": nothing that could break a log
// line or a header, and short enough not to bloat every line.
const ACCEPTABLE = /^[A-Za-z0-9._:=+/-]{8,128}$/;

/**
 * The id of a request: the one a trusted proxy sent in X-Request-Id (TRUST_PROXY > 0, a well-formed value),
 * or a new UUID. With no trusted proxy the header is the client's own and is ignored.
 * @param {string | string[] | undefined | null} sent
 * @param {number} trustedHops
 * @returns {string}
 */
export function requestIdFor(sent, trustedHops) {
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (trustedHops > 0 && typeof value === "string" && ACCEPTABLE.test(value)) return value;
  return randomUUID();
}

/**
 * TRUST_PROXY as env.ts reads it (a number of hops; 0 when unset or malformed — the safe side).
 * @param {Record<string, string | undefined>} [env]
 * @returns {number}
 */
export function trustedHopsFromEnv(env = process.env) {
  const raw = (env.TRUST_PROXY ?? "").trim();
  return /^\d{1,2}$/.test(raw) ? Number(raw) : 0;
}
