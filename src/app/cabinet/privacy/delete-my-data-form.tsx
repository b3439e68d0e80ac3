"use client";

import { signOutHere } from "@/lib/sign-out-here";
import { type FormEvent, useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { deleteMyDataAction } from "./actions";
import { DELETION_CONFIRMATION_MAX_LENGTH } from "@/lib/rules/privacy-deletion";

const NETWORK_ERROR = "Не удалось удалить данные. Проверьте интернет и попробуйте ещё раз.";

/** Typing the word is the confirmation: deletion cannot be undone. On success the session ends. */
export function DeleteMyDataForm({ confirmationWord }: { confirmationWord: string }) {
  const [confirmation, setConfirmation] = useState("");
  const { pending, error: formError, fieldErrors, run } = useServerAction();
  const [done, setDone] = useState(false);
  const error = fieldErrors.confirmation ?? formError;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (done) return;
    const result = await run(() => deleteMyDataAction({ confirmation }), NETWORK_ERROR, { keepPendingOnSuccess: true });
    if (!result) return;
    setDone(true);
    // The account is switched off already; ending the session takes the browser back to the sign-in page.
    // Should sign-out itself fail, the session is refused anyway: the sign-in page is where the shopper belongs.
    await signOutHere("/login");
  }

  const ready = confirmation.trim().toLocaleUpperCase("ru-RU") === confirmationWord;
  return (
    <form className="mt-4 space-y-3" onSubmit={onSubmit} noValidate data-testid="delete-my-data">
      <label htmlFor="deletion-confirmation" className="block text-sm font-medium">
        Чтобы подтвердить, введите слово {confirmationWord}
      </label>
      <Input
        id="deletion-confirmation"
        name="confirmation"
        autoComplete="off"
        value={confirmation}
        maxLength={DELETION_CONFIRMATION_MAX_LENGTH}
        onChange={(event) => setConfirmation(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "deletion-error" : undefined}
      />
      {error && (
        <Alert tone="error" id="deletion-error" data-testid="form-error">
          {error}
        </Alert>
      )}
      {done && <Alert tone="success">Данные удалены. Выходим из кабинета…</Alert>}
      <PendingButton type="submit" className="bg-red-600 hover:bg-red-700 active:bg-red-800" pending={pending} pendingText="Удаляем…" disabled={done || !ready}>
        Удалить мои данные
      </PendingButton>
    </form>
  );
}
