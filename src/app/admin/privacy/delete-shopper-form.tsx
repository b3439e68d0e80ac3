"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { deleteShopperDataAction } from "./actions";
import { DELETION_CONFIRMATION_MAX_LENGTH, DELETION_NOTE_MAX_LENGTH } from "@/lib/rules/privacy-deletion";
import { FormStatus } from "@/components/ui/form-status";

/**
 * Deleting on a shopper's request that came by letter or call: the note (where the request came from) is
 * required and kept in the audit log; the typed word confirms. For an account already anonymised the same
 * button retries the deletion of files that failed before.
 */
export function DeleteShopperForm({ customerId, confirmationWord, anonymised }: { customerId: number; confirmationWord: string; anonymised: boolean }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const { pending, error: formError, fieldErrors, done: notice, setDone: setNotice, run } = useServerAction();
  // The two fields' own words when they have them (both sit right above the message).
  const error = fieldErrors.note ?? fieldErrors.confirmation ?? formError;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => deleteShopperDataAction({ customerId, note, confirmation }), "Не удалось удалить данные. Попробуйте ещё раз.");
    if (!result) return;
    const outcome = result.data;
    const files = outcome.storageFailures > 0 ? ` Не удалось удалить файлов: ${outcome.storageFailures} — повторите позже.` : "";
    setNotice(
      outcome.changed
        ? `Данные участника №${outcome.customerId} удалены, списано баллов: ${outcome.pointsWrittenOff}.${files}`
        : `Данные участника №${outcome.customerId} уже были удалены.${files || " Все файлы удалены."}`,
    );
    router.refresh();
  }

  return (
    <form className="mt-4 space-y-3" onSubmit={onSubmit} noValidate data-testid="delete-shopper">
      {!anonymised && (
        <>
          <label htmlFor="deletion-note" className="block text-sm font-medium">
            Откуда запрос (письмо, звонок, номер обращения) — без телефона и имени участника
          </label>
          <Input id="deletion-note" name="note" value={note} maxLength={DELETION_NOTE_MAX_LENGTH} onChange={(event) => setNote(event.target.value)} />
        </>
      )}
      <label htmlFor="deletion-confirmation" className="block text-sm font-medium">
        Введите слово {confirmationWord}
      </label>
      <Input id="deletion-confirmation" name="confirmation" autoComplete="off" value={confirmation} maxLength={DELETION_CONFIRMATION_MAX_LENGTH} onChange={(event) => setConfirmation(event.target.value)} />
      <FormStatus error={error} />
      {notice && <Alert tone="success">{notice}</Alert>}
      <PendingButton
        type="submit"
        variant={anonymised ? "secondary" : "primary"}
        className={anonymised ? undefined : "bg-red-600 hover:bg-red-700 active:bg-red-800"}
        pending={pending}
        pendingText="Удаляем…"
      >
        {anonymised ? "Повторить удаление файлов" : "Удалить данные участника"}
      </PendingButton>
    </form>
  );
}
