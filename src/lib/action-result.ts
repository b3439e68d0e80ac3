// What crosses the wire from a server action or route to the browser: the result shape and its error codes.
// Client-safe; the server side (the AppError class, mapping errors to failures) is src/server/errors.ts.

/** Expected failures; each comes with a Russian message safe to show to the user. */
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

/** What the user reads about anything unexpected (the details go to the log, never to the browser). */
export const GENERIC_ERROR_MESSAGE = "Что-то пошло не так. Попробуйте ещё раз через минуту.";

/** The result shape server actions return to forms: never throws expected errors across the wire. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number };
