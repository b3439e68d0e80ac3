/** The error every check of the embedded server throws, with a code callers (and tests) can branch on. */
export type EmbeddedPostgresErrorCode =
  | "ALREADY_RUNNING"
  | "PORT_IN_USE"
  | "INVALID_OPTIONS"
  | "DATA_DIR_UNUSABLE"
  | "START_FAILED"
  | "START_TIMEOUT";

export class EmbeddedPostgresError extends Error {
  readonly code: EmbeddedPostgresErrorCode;

  constructor(code: EmbeddedPostgresErrorCode, message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
    this.code = code;
  }
}
