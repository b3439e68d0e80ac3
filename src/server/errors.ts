import "server-only";
import { type ActionResult, type AppErrorCode, GENERIC_ERROR_MESSAGE } from "@/lib/action-result";

/**
 * The one error type for expected failures. Its message is Russian and safe to show to the user;
 * anything that is not an AppError is unexpected: logged in full and shown generically. The codes and the
 * result shape the browser sees are in src/lib/action-result.ts.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Seconds until a rate-limited action may be retried. */
  readonly retryAfterSeconds?: number;
  /** Field name → message, for form validation errors. */
  readonly fieldErrors?: Record<string, string>;

  constructor(
    code: AppErrorCode,
    message: string,
    extra: { retryAfterSeconds?: number; fieldErrors?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.fieldErrors = extra.fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Input that failed a zod schema is the user's mistake: its first message, and one per field. */
function fromValidationIssues(error: unknown): AppError | null {
  if (!error || typeof error !== "object" || !("issues" in error) || !Array.isArray(error.issues)) return null;
  const issues = error.issues as { path: PropertyKey[]; message: string }[];
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return new AppError("VALIDATION", issues[0]?.message ?? "Проверьте введённые данные.", { fieldErrors });
}

/** The failure an expected error maps to, or INTERNAL with the generic message; `unexpected` says which. */
export function toFailure(error: unknown): { failure: Extract<ActionResult, { ok: false }>; unexpected: boolean } {
  error = fromValidationIssues(error) ?? error;
  if (isAppError(error)) {
    return {
      failure: {
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        retryAfterSeconds: error.retryAfterSeconds,
      },
      unexpected: false,
    };
  }
  return { failure: { ok: false, code: "INTERNAL", message: GENERIC_ERROR_MESSAGE }, unexpected: true };
}

/**
 * For callers outside the action and route wrappers: the failure an error maps to. Not logged here: a caller
 * logs what toFailure calls unexpected.
 */
export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  return toFailure(error).failure;
}
