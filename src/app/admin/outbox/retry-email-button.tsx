"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { retryOutboxEmailAction } from "./actions";

export function RetryEmailButton({ id }: { id: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retry() {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await retryOutboxEmailAction({ id }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setError(result?.message ?? "Не удалось поставить письмо в очередь. Попробуйте ещё раз.");
      return;
    }
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => void retry()} data-testid="outbox-retry">
        {pending ? "Ставим в очередь…" : "Отправить снова"}
      </Button>
      {error && (
        <Alert tone="error" className="basis-full" data-testid="form-error">
          {error}
        </Alert>
      )}
    </div>
  );
}
