"use client";

import { signOutHere } from "@/lib/sign-out-here";
import { useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signOutEverywhereAction } from "./actions";
import { FormStatus } from "@/components/ui/form-status";

const NETWORK_ERROR = "Не удалось выйти на всех устройствах. Проверьте интернет и попробуйте ещё раз.";

/** Where the browser lands afterwards; the sign-in page says what happened. */
const SIGNED_OUT_EVERYWHERE_URL = "/login?signed-out=everywhere";

/** Asks once more before ending every session: the shopper is signed out here too. */
export function SignOutEverywhereForm() {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, done, setDone, run } = useServerAction();

  async function confirm() {
    const result = await run(() => signOutEverywhereAction({}), NETWORK_ERROR);
    if (!result) return;
    setDone("Готово: вы вышли на всех устройствах. Открываем страницу входа…");
    // Every session is refused already; this clears this browser's cookie on the way to the sign-in page.
    // Should sign-out itself fail, the session is refused anyway: the sign-in page is where the shopper belongs.
    await signOutHere(SIGNED_OUT_EVERYWHERE_URL);
  }

  return (
    <div className="mt-4 space-y-3" data-testid="sign-out-everywhere">
      <FormStatus error={error} />
      {done ? (
        <Alert tone="success">{done}</Alert>
      ) : confirming ? (
        <div role="group" aria-labelledby="sign-out-everywhere-question" className="space-y-3 rounded-xl bg-brand-50 p-4 ring-1 ring-brand-200">
          <p id="sign-out-everywhere-question" className="text-[15px] font-medium text-ink">
            Выйти из кабинета на всех устройствах, в том числе на этом?
          </p>
          <div className="flex flex-wrap gap-2">
            <PendingButton type="button" pending={pending} pendingText="Выходим…" onClick={() => void confirm()}>
              Да, выйти везде
            </PendingButton>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              Отмена
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Выйти на всех устройствах
        </Button>
      )}
    </div>
  );
}
