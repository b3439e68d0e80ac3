"use client";

import { signOut } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { deleteMyDataAction } from "./actions";

const NETWORK_ERROR = "Не удалось удалить данные. Проверьте интернет и попробуйте ещё раз.";

/** Typing the word is the confirmation: deletion cannot be undone. On success the session ends. */
export function DeleteMyDataForm({ confirmationWord }: { confirmationWord: string }) {
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending || done) return;
    setPending(true);
    setError(null);
    try {
      const result = await deleteMyDataAction({ confirmation });
      if (!result.ok) {
        setError(result.fieldErrors?.confirmation ?? result.message);
        return;
      }
      setDone(true);
      // The account is switched off already; ending the session takes the browser back to the sign-in page.
      await signOut({ callbackUrl: "/login" });
    } catch {
      setError(NETWORK_ERROR);
    } finally {
      setPending(false);
    }
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
        maxLength={50}
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
      <Button type="submit" className="bg-red-600 hover:bg-red-700 active:bg-red-800" disabled={pending || done || !ready}>
        {pending ? "Удаляем…" : "Удалить мои данные"}
      </Button>
    </form>
  );
}
