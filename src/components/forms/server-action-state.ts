/** What `useServerAction` keeps (use-server-action.ts), as a plain reducer so that its rules can be tested alone. */

export interface ServerActionOptions {
  /** The fields the form shows errors beside: a message that repeats one of their errors is not shown at the form too. */
  fields?: readonly string[];
}

export interface ServerActionState {
  pending: boolean;
  /** What the form shows under its fields: the refusal's message, unless a field shows the same words. */
  error: string | null;
  fieldErrors: Record<string, string>;
  done: string | null;
  /** How many refusals so far: each new one moves the focus to the first field in error. */
  refusals: number;
  fields: readonly string[];
}

export type ServerActionEvent =
  | { type: "start" }
  | { type: "succeeded"; keepPending: boolean }
  | { type: "refused"; error: string | null; fieldErrors: Record<string, string> }
  | { type: "setError"; error: string | null }
  | { type: "setDone"; done: string | null }
  | { type: "clearFieldError"; field: string }
  | { type: "clear" };

export function initialServerActionState({ fields = [] }: ServerActionOptions): ServerActionState {
  return { pending: false, error: null, fieldErrors: {}, done: null, refusals: 0, fields };
}

/** The message for the form itself: none when one of the fields it shows already says it. */
export function formLevelError(message: string | null, fieldErrors: Record<string, string>, fields: readonly string[]): string | null {
  if (message === null) return null;
  return fields.some((field) => fieldErrors[field] === message) ? null : message;
}

export function serverActionReducer(state: ServerActionState, event: ServerActionEvent): ServerActionState {
  switch (event.type) {
    case "start":
      return { ...state, pending: true, error: null, fieldErrors: {}, done: null };
    case "succeeded":
      return { ...state, pending: event.keepPending };
    case "refused":
      return {
        ...state,
        pending: false,
        error: formLevelError(event.error, event.fieldErrors, state.fields),
        fieldErrors: event.fieldErrors,
        done: null,
        refusals: state.refusals + 1,
      };
    case "setError":
      return { ...state, error: event.error };
    case "setDone":
      return { ...state, done: event.done };
    case "clear":
      return { ...state, error: null, fieldErrors: {}, done: null };
    case "clearFieldError": {
      if (!(event.field in state.fieldErrors)) return state;
      const rest = { ...state.fieldErrors };
      delete rest[event.field];
      return { ...state, fieldErrors: rest };
    }
  }
}
