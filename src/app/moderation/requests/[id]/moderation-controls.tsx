"use client";

import { RotateCw, ZoomIn } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { formatDateTime } from "@/lib/format";
import { claimRequestAction, decideRequestPartAction, nextRequestAction } from "../../actions";
import { FormStatus } from "@/components/ui/form-status";

/** Opening a request claims it; shows whether this moderator holds it. */
export function ClaimBanner({ requestId }: { requestId: number }) {
  const { error, done, setDone, run } = useServerAction();
  useEffect(() => {
    void run(() => claimRequestAction({ requestId }), "Не удалось закрепить заявку. Обновите страницу.").then(
      (result) => result && setDone(`Заявка закреплена за вами до ${formatDateTime(new Date(result.data.claimedUntil))}.`),
    );
  }, [requestId, run, setDone]);
  if (!error && !done) return null;
  return (
    <Alert tone={error ? "error" : "info"} data-testid="claim-banner">
      {error ?? done}
    </Alert>
  );
}

export async function goToNextRequest(router: ReturnType<typeof useRouter>, currentId: number): Promise<void> {
  const result = await nextRequestAction({ excludeId: currentId });
  router.push(result.ok && result.data.id ? `/moderation/requests/${result.data.id}` : "/moderation");
}

/** Approve, or reject with a comment (templates offered), one part of the request. */
export function DecisionPanel({
  requestId,
  partKind,
  attempt,
  templates,
}: {
  requestId: number;
  partKind: "REVIEW" | "RECEIPT";
  attempt: number;
  templates: { id: number; title: string; text: string }[];
}) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const { pending, error, setError, run } = useServerAction();

  async function decide(decision: "APPROVE" | "REJECT") {
    if (pending) return;
    if (decision === "REJECT" && !comment.trim()) {
      setError("Укажите причину отказа — участник увидит этот комментарий.");
      return;
    }
    // The decided part's panel leaves the page with the refresh or the next request: no second click meanwhile.
    const result = await run(() => decideRequestPartAction({ requestId, partKind, attempt, decision, comment: decision === "REJECT" ? comment : undefined }), "Не удалось сохранить решение. Попробуйте ещё раз.", {
      keepPendingOnSuccess: true,
    });
    if (!result) return;
    // The server answers with the next request once this one has nothing left to decide.
    const next = result.data.nextRequestId;
    if (next === undefined) router.refresh();
    else router.push(next ? `/moderation/requests/${next}` : "/moderation");
  }

  return (
    <div className="space-y-3 rounded-xl bg-canvas p-3" data-testid={`decision-${partKind.toLowerCase()}`} data-pending-part={`${partKind}:${attempt}`}>
      <div className="flex flex-wrap gap-2">
        {templates.map((template) => (
          <button key={template.id} type="button" onClick={() => setComment(template.text)} className="rounded-full bg-white px-3 py-1 text-xs font-medium ring-1 ring-line hover:ring-brand-200">
            {template.title}
          </button>
        ))}
      </div>
      <Textarea
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder="Комментарий для участника (обязателен при отказе)"
        aria-label="Комментарий"
        data-reject-comment
        rows={2}
        className="text-sm"
      />
      <FormStatus error={error} />
      <div className="flex gap-2">
        <Button type="button" className="flex-1 bg-emerald-600 hover:bg-emerald-700" disabled={pending} onClick={() => void decide("APPROVE")} data-approve>
          Одобрить <kbd className="hidden text-xs opacity-70 sm:inline">A</kbd>
        </Button>
        <Button type="button" variant="secondary" className="flex-1 text-red-700" disabled={pending} onClick={() => void decide("REJECT")}>
          Отклонить <kbd className="hidden text-xs opacity-70 sm:inline">R</kbd>
        </Button>
      </div>
    </div>
  );
}

/** A: approve the first waiting part, R: write a rejection comment, N: next request. */
export function ModerationShortcuts({ requestId }: { requestId: number }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) return;
      const key = event.key.toLowerCase();
      if (key === "a" || key === "ф") document.querySelector<HTMLButtonElement>("[data-approve]:not(:disabled)")?.click();
      else if (key === "r" || key === "к") {
        event.preventDefault();
        document.querySelector<HTMLTextAreaElement>("[data-reject-comment]")?.focus();
      } else if (key === "n" || key === "т") void goToNextRequest(router, requestId);
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, requestId]);
  return null;
}

/** A large image with zoom (open full size) and rotate, for reading receipts and screenshots. */
export function ReviewableImage({ fullUrl }: { fullUrl: string }) {
  const [turns, setTurns] = useState(0);
  return (
    <figure className="relative overflow-hidden rounded-xl bg-canvas ring-1 ring-line">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={fullUrl} alt="" loading="lazy" className="mx-auto max-h-[70vh] w-auto transition-transform" style={{ transform: `rotate(${turns * 90}deg)` }} />
      <div className="absolute right-2 top-2 flex gap-1">
        <button type="button" onClick={() => setTurns((value) => (value + 1) % 4)} className="grid size-9 place-items-center rounded-full bg-white/90 shadow" aria-label="Повернуть">
          <RotateCw className="size-4" />
        </button>
        <a href={fullUrl} target="_blank" rel="noopener" className="grid size-9 place-items-center rounded-full bg-white/90 shadow" aria-label="Открыть в полном размере">
          <ZoomIn className="size-4" />
        </a>
      </div>
    </figure>
  );
}
