"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";

/**
 * The state every form or button calling a server action keeps: pending (a second click while one is in
 * flight does nothing), the error and field errors of a refusal, and a success message the caller sets.
 * `run` clears the previous outcome, calls the action and returns its result when it succeeded, else null
 * (with the error shown: the action's own message, or `fallback` when the call itself failed).
 */
export function useServerAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  async function run<T>(action: () => Promise<ActionResult<T>>, fallback: string): Promise<Extract<ActionResult<T>, { ok: true }> | null> {
    if (pending) return null;
    setPending(true);
    setError(null);
    setDone(null);
    setFieldErrors({});
    const result = await action().catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setError(result?.message ?? fallback);
      setFieldErrors((result && !result.ok && result.fieldErrors) || {});
      return null;
    }
    return result;
  }

  return { pending, error, fieldErrors, done, setError, setDone, run };
}
