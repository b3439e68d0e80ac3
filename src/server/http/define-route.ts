import "server-only";
import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { type Access, type CallContext, type EdgeLimit, applyLimits, failureOf, ipFrom, logCall, resolveActor, startCall, withRequestIdOf } from "./edge-call";
import { statusForFailure } from "./json-response";
import { type MultipartUpload, type MultipartUploadLimits, readMultipartUpload } from "./read-multipart-upload";

type ParamsOf<P> = P extends z.ZodType ? z.output<P> : undefined;
type QueryOf<Q> = Q extends z.ZodType ? z.output<Q> : undefined;

export interface RouteInput<P, Q, B> {
  params: ParamsOf<P>;
  query: QueryOf<Q>;
  /** The multipart upload, read under its limit while streaming (only with `upload`). */
  upload: B extends MultipartUploadLimits ? MultipartUpload : undefined;
}

export interface RouteSpec<A extends Access, P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends MultipartUploadLimits | undefined> {
  name: string;
  roles: A;
  /** The dynamic segments (`[id]`), parsed. */
  params?: P;
  /** The query string, parsed from its single values (`?a=1&b=2` → { a: "1", b: "2" }). */
  query?: Q;
  /**
   * Malformed params or query answer 400 with the reason, unless this gives the 404 message to answer
   * instead (for addresses that must not reveal whether something exists).
   */
  malformed?: { notFound: string };
  /** A multipart/form-data body with one file, refused as soon as it passes `maxBytes` (never buffered whole). */
  upload?: B;
  limits?: readonly EdgeLimit<A, RouteInput<P, Q, B>>[];
  run: (call: CallContext<A, RouteInput<P, Q, B>> & { request: Request }) => Promise<Response>;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const ROUTE_MARK = Symbol.for("carely.defineRoute");

/**
 * The one way to write a route handler: role, params and query, a streamed upload under its limit, limits,
 * the call, error mapping to the JSON shape (`{ ok: false, code, message }` with its status) and one
 * structured log line. Export as `export const GET = defineRoute({...})` (the wrapper test checks).
 */
export function defineRoute<
  A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends MultipartUploadLimits | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B>): (request: Request, context?: RouteContext) => Promise<Response> {
  const handler = (request: Request, context?: RouteContext): Promise<Response> =>
    withRequestIdOf(request.headers, async () => {
      const started = startCall("route", spec.name, request.method);
      let actor: Actor | null = null;
      try {
        const resolved = await resolveActor(spec.roles);
        actor = resolved;
        const params = parsePart(spec.params, (await context?.params) ?? {}, spec.malformed) as ParamsOf<P>;
        const query = parsePart(spec.query, Object.fromEntries(new URL(request.url).searchParams), spec.malformed) as QueryOf<Q>;
        const input = { params, query, upload: undefined } as RouteInput<P, Q, B>;
        const call = { actor: resolved, input, ip: ipFrom(request.headers), request };
        await applyLimits(spec.limits, call);
        if (spec.upload) input.upload = (await readMultipartUpload(request, spec.upload)) as RouteInput<P, Q, B>["upload"];
        const response = await spec.run(call);
        logCall(started, actor, { ok: true, status: response.status });
        return response;
      } catch (error) {
        unstable_rethrow(error);
        const failure = failureOf(started, actor, error, (failed) => (error instanceof MalformedRequestError ? 400 : statusForFailure(failed)));
        const headers = new Headers();
        if (failure.retryAfterSeconds) headers.set("Retry-After", String(failure.retryAfterSeconds));
        // A body refused part-way is still arriving: close the connection instead of reading the rest.
        if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") headers.set("Connection", "close");
        return NextResponse.json(failure, { status: error instanceof MalformedRequestError ? 400 : statusForFailure(failure), headers });
      }
    });
  Object.defineProperty(handler, ROUTE_MARK, { value: spec.name });
  return handler;
}

function parsePart(schema: z.ZodType | undefined, raw: unknown, malformed: { notFound: string } | undefined): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (malformed) throw new AppError("NOT_FOUND", malformed.notFound);
  throw new MalformedRequestError(parsed.error.issues[0]?.message ?? "Некорректный запрос.", {
    fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "query"), issue.message])),
  });
}

/** A VALIDATION failure of the address itself (params, query): answered 400 rather than 422. */
class MalformedRequestError extends AppError {
  constructor(message: string, extra: { fieldErrors: Record<string, string> }) {
    super("VALIDATION", message, extra);
  }
}

export function isDefinedRoute(value: unknown): boolean {
  return typeof value === "function" && ROUTE_MARK in value;
}
