import "server-only";

/**
 * The server's notion of "now". Domain code asks the clock instead of `new Date()` so that tests (and the
 * scheduled jobs' tests) can move time deterministically.
 */
let frozenAt: Date | null = null;

export function now(): Date {
  return frozenAt ? new Date(frozenAt) : new Date();
}

/** Tests only: freeze the clock at `at` (null releases it). */
export function setClock(at: Date | null): void {
  frozenAt = at ? new Date(at) : null;
}
