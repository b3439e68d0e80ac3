"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { type ServerActionOptions, initialServerActionState, serverActionReducer } from "./server-action-state";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

export interface RunOptions {
  /** The page moves on after a success (a navigation, a sign-out): the form stays pending, so stays disabled, until it has. */
  keepPendingOnSuccess?: boolean;
  /** Called with the server's refusal: e.g. a retry-after to count down, or a refresh when the figures changed. */
  onFailure?: (failure: ActionFailure) => void;
}

/**
 * The state every form or button calling a server action keeps: pending (a second call while one is in
 * flight does nothing, however fast the clicks), the error and field errors of a refusal, and a success
 * message the caller sets. `run` clears the previous outcome, calls the action and returns its result when
 * it succeeded, else null (with the error shown: the action's own message, or `fallback` when the call
 * itself failed). `refuse` shows the form's own checks the same way, without a call.
 *
 * With `fields` (the fields the form shows errors beside), a refusal whose message repeats one of their
 * errors is shown once, by its field, and the focus moves to the first field in error when the form's
 * element is given `formRef`.
 */
export function useServerAction(options: ServerActionOptions = {}) {
  const [state, dispatch] = useReducer(serverActionReducer, options, initialServerActionState);
  // The guard itself: state would let a second click through before the re-render that disables the button.
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.refusals > 0) focusFirstError(formRef.current);
  }, [state.refusals]);

  const run = useCallback(async <T>(action: () => Promise<ActionResult<T>>, fallback: string, { keepPendingOnSuccess = false, onFailure }: RunOptions = {}): Promise<Extract<ActionResult<T>, { ok: true }> | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    dispatch({ type: "start" });
    const result = await action().catch(() => null);
    if (result?.ok) {
      inFlight.current = keepPendingOnSuccess;
      dispatch({ type: "succeeded", keepPending: keepPendingOnSuccess });
      return result;
    }
    inFlight.current = false;
    dispatch({ type: "refused", error: result?.message ?? fallback, fieldErrors: result?.fieldErrors ?? {} });
    if (result) onFailure?.(result);
    return null;
  }, []);

  const refuse = useCallback((refusal: { error?: string | null; fieldErrors?: Record<string, string> }) => {
    dispatch({ type: "refused", error: refusal.error ?? null, fieldErrors: refusal.fieldErrors ?? {} });
  }, []);
  const setError = useCallback((error: string | null) => dispatch({ type: "setError", error }), []);
  const setDone = useCallback((done: string | null) => dispatch({ type: "setDone", done }), []);
  const clearFieldError = useCallback((field: string) => dispatch({ type: "clearFieldError", field }), []);
  /** Forgets the last outcome: the input passed the form's own checks again. */
  const clear = useCallback(() => dispatch({ type: "clear" }), []);

  return { pending: state.pending, error: state.error, fieldErrors: state.fieldErrors, done: state.done, run, refuse, clear, setError, setDone, clearFieldError, formRef };
}

/** The first control marked invalid takes the focus (its label and error are read out); else the first error is scrolled to. */
function focusFirstError(form: HTMLFormElement | null): void {
  if (!form) return;
  const control = form.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]');
  if (control) control.focus();
  else form.querySelector('[data-testid="field-error"]')?.scrollIntoView({ block: "center" });
}

/** A step that is no server action (a next-auth sign-in answering with its message, or null), in the shape `run` takes. */
export async function asActionResult(step: Promise<string | null>): Promise<ActionResult> {
  const failure = await step;
  return failure === null ? { ok: true, data: undefined } : { ok: false, code: "INTERNAL", message: failure };
}
