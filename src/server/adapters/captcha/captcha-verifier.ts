import "server-only";

/** Checks a CAPTCHA token the browser got from the widget. */
export interface CaptchaVerifier {
  readonly name: string;
  /** True when the token proves a person solved the challenge (once: tokens are single-use). */
  verify(token: string, ip: string | null): Promise<boolean>;
}
