import { Alert } from "./alert";

/** A form's outcome under its fields: the error to fix, or what was just saved. */
export function FormStatus({ error, done }: { error?: string | null; done?: string | null }) {
  return (
    <>
      {error && (
        <Alert tone="error" data-testid="form-error">
          {error}
        </Alert>
      )}
      {done && (
        <Alert tone="success" data-testid="form-success">
          {done}
        </Alert>
      )}
    </>
  );
}
