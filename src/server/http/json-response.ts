import "server-only";
import { NextResponse } from "next/server";
import type { ActionResult, AppErrorCode } from "@/lib/action-result";

const STATUS_BY_CODE: Partial<Record<AppErrorCode | "INTERNAL", number>> = {
  VALIDATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CAPTCHA_REQUIRED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Route handlers answer JSON: `{ ok: true, data }`, or (through defineRoute) `{ ok: false, code, message }` with a fitting status. */
export function jsonOk<T>(data: T, status = 200): NextResponse {
  return NextResponse.json({ ok: true, data }, { status });
}

export function statusForFailure(failure: Extract<ActionResult, { ok: false }>): number {
  return STATUS_BY_CODE[failure.code] ?? 400;
}
