import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import type { RoleActor } from "@/server/auth/assert-role";
import { type Actor, requireActorRole } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { toFailure } from "@/server/errors";
import type { ActionResult, AppErrorCode } from "@/lib/action-result";
import { logger, withRequestId } from "@/server/observability/logger";
import { httpRequestDuration } from "@/server/observability/metrics-core.mjs";
import { INTERNAL_REQUEST_ID_HEADER } from "@/server/observability/request-id.mjs";
import { type RateLimitRule, consumeRateLimit } from "@/server/rate-limit";
import { clientIpFromHeaders, ipRateLimitKey } from "./client-ip";
import { statusForFailure } from "./json-response";

/** Every role, for what any signed-in person may call (the domain then checks ownership). */
export const SIGNED_IN = ["CUSTOMER", "MODERATOR", "STAFF", "ADMIN"] as const satisfies readonly UserRole[];

/** Who may call: "public" (no session needed) or the roles admitted. */
export type Access = "public" | readonly UserRole[];

/**
 * The actor a call's code receives: checked against the declared roles (so it passes to the domain verbs of
 * those roles: src/server/auth/assert-role.ts), null for public calls.
 */
export type ActorFor<A extends Access> = A extends readonly (infer R extends UserRole)[] ? RoleActor<R> : null;

export interface CallContext<A extends Access, Input> {
  actor: ActorFor<A>;
  input: Input;
  /** The client's address as TRUST_PROXY defines it (src/server/http/client-ip.ts); null only outside a request. */
  ip: string | null;
}

/**
 * A limit the wrapper applies before the call's code runs. `key` picks what is counted (the actor, the IP,
 * an input field); null skips the limit for this call. Hits are counted whatever the outcome.
 */
export interface EdgeLimit<A extends Access, Input> {
  bucket: string;
  key: (call: CallContext<A, Input>) => string | null;
  rules: RateLimitRule[];
  tooMany: (waitText: string) => string;
}

/** Per-actor and per-IP keys, the common cases. */
export const byActor = (call: { actor: Actor | null }): string | null => (call.actor ? `user:${call.actor.id}` : null);
export const byIp = (call: { ip: string | null }): string | null => (call.ip ? ipRateLimitKey(call.ip) : null);

export async function resolveActor<A extends Access>(access: A): Promise<ActorFor<A>> {
  if (access === "public") return null as ActorFor<A>;
  return (await requireActorRole(access as readonly UserRole[])) as ActorFor<A>;
}

export async function applyLimits<A extends Access, Input>(limits: readonly EdgeLimit<A, Input>[] | undefined, call: CallContext<A, Input>): Promise<void> {
  const applicable = (limits ?? []).flatMap((limit) => {
    const key = limit.key(call);
    return key === null ? [] : [{ limit, key }];
  });
  if (applicable.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const { limit, key } of applicable) await consumeRateLimit(tx, limit.bucket, key, limit.rules, { tooMany: limit.tooMany });
  });
}

export function ipFrom(headers: Headers): string | null {
  return clientIpFromHeaders(headers);
}

/** A call in progress: what it is, for its log line and its duration series. */
export interface EdgeCall {
  kind: "action" | "route";
  name: string;
  method: string;
  startedAt: number;
}

export function startCall(kind: EdgeCall["kind"], name: string, method: string): EdgeCall {
  return { kind, name, method, startedAt: performance.now() };
}

/**
 * Runs a call with its request id (set by the portal's server, scripts/portal-server.mjs) on every log
 * line inside it, including the domain's and the adapters'.
 */
export function withRequestIdOf<T>(requestHeaders: Headers, run: () => Promise<T>): Promise<T> {
  return withRequestId(requestHeaders.get(INTERNAL_REQUEST_ID_HEADER), run);
}

/**
 * The one log line of a call (what, who, how it ended and how long it took) and its sample in
 * portal_http_request_duration_seconds. An action's status is the one its outcome maps to (the HTTP answer
 * of a server action is 200 whatever the result).
 */
export function logCall(
  call: EdgeCall,
  actor: Actor | null,
  outcome: { ok: true; status?: number } | { ok: false; code: string; status?: number; error?: unknown },
): void {
  const seconds = (performance.now() - call.startedAt) / 1000;
  const status = outcome.status ?? (outcome.ok ? 200 : statusForFailure({ ok: false, code: outcome.code as AppErrorCode, message: "" }));
  httpRequestDuration().observe({ kind: call.kind, route: call.name, method: call.method, status: String(status) }, seconds);
  const line = {
    event: call.kind,
    name: call.name,
    outcome: outcome.ok ? "ok" : outcome.code,
    status: outcome.status,
    ms: Math.round(seconds * 10_000) / 10,
    userId: actor?.id,
    role: actor?.role,
  };
  if (!outcome.ok && outcome.code === "INTERNAL") logger.error({ ...line, err: outcome.error }, `${call.kind} ${call.name} failed`);
  else logger.info(line);
}

/** Maps a thrown error to the failure shape and logs the call. */
export function failureOf(
  call: EdgeCall,
  actor: Actor | null,
  error: unknown,
  statusOf?: (failure: Extract<ActionResult, { ok: false }>) => number,
): Extract<ActionResult, { ok: false }> {
  const { failure } = toFailure(error);
  logCall(call, actor, { ok: false, code: failure.code, status: statusOf?.(failure), error });
  return failure;
}
