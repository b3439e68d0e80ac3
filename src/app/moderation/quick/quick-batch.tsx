"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormStatus } from "@/components/ui/form-status";
import { imageUrl } from "@/components/uploads/upload-image";
import { formatDateTime } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";
import { AUTOMATION_RULE_LABEL, type AutomationRule } from "@/lib/rules/automation-rules";
import { decideRequestPartAction, takeQuickBatchAction } from "../actions";

type BatchItem = Extract<Awaited<ReturnType<typeof takeQuickBatchAction>>, { ok: true }>["data"][number];
type Outcome = "approved" | "skipped";

/** Whether a key press belongs to a field or a control the moderator is using, not to the batch. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(target.tagName));
}

/**
 * One request of the batch at a time: its screenshots and link on screen, Space or Enter approves its review
 * (one confirmation per request), S skips it (the claim lapses as usual). Anything doubtful is opened on
 * its full decision page, where it can be rejected.
 */
export function QuickBatch() {
  const [batch, setBatch] = useState<BatchItem[] | null>(null);
  const [position, setPosition] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const loader = useServerAction();
  const decision = useServerAction();
  const { run: runLoader } = loader;

  // Skipped in this sitting: the next batch brings others instead of the same ones again.
  const [skipped, setSkipped] = useState<number[]>([]);
  const load = useCallback(
    () =>
      runLoader(() => takeQuickBatchAction({ excludeIds: skipped }), "Не удалось взять заявки. Обновите страницу.").then((result) => {
        if (!result) return;
        setBatch(result.data);
        setPosition(0);
        setOutcomes({});
      }),
    [runLoader, skipped],
  );

  // The batch is claimed when the page opens in the browser, never by rendering it (a prefetch claims nothing).
  useEffect(() => {
    void runLoader(() => takeQuickBatchAction({ excludeIds: [] }), "Не удалось взять заявки. Обновите страницу.").then((result) => result && setBatch(result.data));
  }, [runLoader]);

  const current = batch?.[position];
  const { run: runDecision, pending: deciding, clear } = decision;
  const approve = useCallback(async () => {
    if (!current) return;
    const result = await runDecision(
      () => decideRequestPartAction({ requestId: current.id, partKind: "REVIEW", decision: "APPROVE", attempt: current.reviewAttempt }),
      "Не удалось одобрить отзыв. Попробуйте ещё раз.",
    );
    if (!result) return;
    setOutcomes((previous) => ({ ...previous, [current.id]: "approved" }));
    setPosition((index) => index + 1);
  }, [current, runDecision]);
  const skip = useCallback(() => {
    if (!current) return;
    clear();
    setOutcomes((previous) => ({ ...previous, [current.id]: "skipped" }));
    setSkipped((previous) => [...previous, current.id]);
    setPosition((index) => index + 1);
  }, [current, clear]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat || typingIn(event.target)) return;
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        void approve();
      } else if (event.key.toLowerCase() === "s" || event.key.toLowerCase() === "ы") {
        event.preventDefault();
        skip();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [approve, skip]);

  if (batch === null) {
    return loader.error ? <Alert tone="error">{loader.error}</Alert> : <p className="text-sm text-muted">Берём заявки…</p>;
  }
  if (batch.length === 0) {
    return (
      <Card className="space-y-3" data-testid="quick-batch-empty">
        <p className="text-[15px]">Сейчас нет заявок, которые можно одобрить быстро.</p>
        <Link href="/moderation" className="font-medium text-brand-700 hover:underline">
          Вернуться к очереди
        </Link>
      </Card>
    );
  }
  if (!current) {
    const approved = Object.values(outcomes).filter((outcome) => outcome === "approved").length;
    const skipped = batch.length - approved;
    return (
      <Card className="space-y-3" data-testid="quick-batch-done">
        <p className="text-[15px]">
          Пачка проверена: {approved} {pluralRu(approved, ["отзыв одобрен", "отзыва одобрено", "отзывов одобрено"])}, пропущено {skipped}.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => void load()} disabled={loader.pending}>
            Взять следующую пачку
          </Button>
          <Link href="/moderation" className="inline-flex min-h-11 items-center px-3 font-medium text-brand-700 hover:underline">
            К очереди
          </Link>
        </div>
      </Card>
    );
  }

  return (
    <Card className="space-y-3" data-testid="quick-batch-item" data-request-id={current.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          Заявка №{current.id} · {current.productName}
        </h2>
        <p className="text-sm text-muted" data-testid="quick-batch-position">
          {position + 1} из {batch.length}
        </p>
      </div>
      <div className="space-y-1 text-sm">
        <p>
          Подана {formatDateTime(new Date(current.filedAt))} · срок {formatDateTime(new Date(current.dueAt))}
        </p>
        <p className="truncate">
          Отзыв:{" "}
          <a href={current.reviewUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline">
            {current.reviewUrl}
          </a>
        </p>
        <p className="text-muted">
          {current.receiptApprovedByRule === undefined
            ? "Чека в заявке нет."
            : current.receiptApprovedByRule
              ? `Чек одобрен автоматической проверкой, правило «${AUTOMATION_RULE_LABEL[current.receiptApprovedByRule as AutomationRule]?.title ?? current.receiptApprovedByRule}».`
              : "Чек одобрен модератором."}
        </p>
      </div>
      {/* One row that scrolls sideways: every screenshot is in view above the buttons, so the space bar is
          never needed to scroll down to one (here it approves). */}
      <div className="flex gap-3 overflow-x-auto pb-1" data-testid="quick-batch-screenshots">
        {current.screenshotIds.map((id, index) => (
          <a key={id} href={imageUrl(id, "full")} target="_blank" rel="noopener noreferrer" className="block shrink-0 overflow-hidden rounded-xl bg-canvas ring-1 ring-line">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={imageUrl(id, "full")} alt={`Скриншот отзыва ${index + 1} из ${current.screenshotIds.length}`} className="mx-auto max-h-[55vh] w-auto" />
          </a>
        ))}
      </div>
      <FormStatus error={decision.error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" onClick={() => void approve()} disabled={deciding} data-testid="quick-approve">
          Одобрить отзыв <kbd className="ml-2 rounded bg-white/20 px-1.5 text-xs">пробел</kbd>
        </Button>
        <Button type="button" variant="secondary" onClick={skip} disabled={deciding} data-testid="quick-skip">
          Пропустить <kbd className="ml-2 rounded bg-black/10 px-1.5 text-xs">S</kbd>
        </Button>
        <Link href={`/moderation/requests/${current.id}`} className="inline-flex min-h-11 items-center px-3 text-sm font-medium text-brand-700 hover:underline">
          Открыть заявку полностью (отклонить)
        </Link>
      </div>
    </Card>
  );
}
