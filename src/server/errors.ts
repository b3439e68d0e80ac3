/**
 * The one error type for expected failures. Its message is Russian and safe to show to the user;
 * anything that is not an AppError is unexpected: logged in full and shown generically.
 */
export type AppErrorCode =
  | "VALIDATION"
  /** An upload larger than its limit, refused while it streamed in. */
  | "PAYLOAD_TOO_LARGE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "CODE_INVALID"
  | "CODE_EXPIRED"
  | "CODE_LOCKED"
  | "CONSENT_REQUIRED"
  | "ACCOUNT_DISABLED"
  | "INVALID_CREDENTIALS"
  /** The limits ask for a solved CAPTCHA before trying again (only when SmartCaptcha is configured). */
  | "CAPTCHA_REQUIRED"
  | "DELIVERY_FAILED"
  /** An external service the action needs (a carrier's pickup-point directory) did not answer properly. */
  | "UNAVAILABLE";

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

export const GENERIC_ERROR_MESSAGE = "Что-то пошло не так. Попробуйте ещё раз через минуту.";

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The result shape server actions return to forms: never throws expected errors across the wire. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number };

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
 * For callers outside the action and route wrappers: the failure an error maps to. Not logged here (this
 * module is shared with the browser, the logger is not): a caller logs what toFailure calls unexpected.
 */
export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  return toFailure(error).failure;
}

/** Russian plural: pluralRu(3, ["минута", "минуты", "минут"]). */
export function pluralRu(count: number, forms: [string, string, string]): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 10 || mod100 >= 20)) return forms[1];
  return forms[2];
}
