import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** What a field's control takes from `Field`: its id and the aria wiring to the label, hint and error. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/**
 * A labelled form field: the label, the control (an input, select or textarea rendered by `children` with
 * the props it is given), an optional hint and the field's error. The control is described by the hint and
 * the error it shows (`<id>-hint`, `<id>-error`) and marked invalid while there is an error.
 */
export function Field({
  id,
  label,
  hint,
  error,
  invalid,
  hideHintOnError = false,
  className,
  labelClassName,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Marks the control invalid without an error of its own here (the message is shown at the form). */
  invalid?: boolean;
  /** The error takes the hint's place instead of following it. */
  hideHintOnError?: boolean;
  className?: string;
  labelClassName?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const showHint = hint !== undefined && hint !== null && !(error && hideHintOnError);
  const describedBy = [showHint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className={cn("text-sm font-medium", labelClassName)}>
        {label}
      </label>
      {children({ id, "aria-invalid": invalid ?? Boolean(error), "aria-describedby": describedBy })}
      {showHint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}

/** A field's error under it, for a control that is not a single labelled one (a radio group, a picker). */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-red-700" data-testid="field-error">
      {children}
    </p>
  );
}

