"use client";

import { useRouter } from "next/navigation";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { retryOutboxEmailAction } from "./actions";

export function RetryEmailButton({ id }: { id: number }) {
  const router = useRouter();
  const { pending, error, run } = useServerAction();

  async function retry() {
    if (await run(() => retryOutboxEmailAction({ id }), "Не удалось поставить письмо в очередь. Попробуйте ещё раз.")) router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <PendingButton type="button" variant="secondary" size="sm" pending={pending} pendingText="Ставим в очередь…" onClick={() => void retry()} data-testid="outbox-retry">
        Отправить снова
      </PendingButton>
      {error && (
        <Alert tone="error" className="basis-full" data-testid="form-error">
          {error}
        </Alert>
      )}
    </div>
  );
}
