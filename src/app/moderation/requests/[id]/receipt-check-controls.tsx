"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { recheckReceiptAction } from "../../actions";

/** While a check is running the page re-reads itself, so the result appears without a reload. */
const REFRESH_MS = 3_000;
/** Past the job's whole backoff (about 15 min): stop asking, the moderator can reload. */
const REFRESH_FOR_MS = 20 * 60_000;

export function ReceiptCheckRefresher({ checking }: { checking: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!checking) return;
    const startedAt = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - startedAt > REFRESH_FOR_MS) clearInterval(timer);
      else router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [checking, router]);
  return null;
}

/** "Проверить снова": asks the receipt-check service again (queued; the page then says "проверяется"). */
export function RecheckReceiptButton({ receiptId }: { receiptId: number }) {
  const router = useRouter();
  const { pending, error, run } = useServerAction();

  async function recheck() {
    await run(() => recheckReceiptAction({ receiptId }), "Не удалось запустить проверку. Попробуйте ещё раз.");
    // Either way the page shows the check as it now stands.
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => void recheck()} data-testid="recheck-receipt">
        <RefreshCw className={`size-4 ${pending ? "animate-spin" : ""}`} aria-hidden />
        Проверить снова
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
