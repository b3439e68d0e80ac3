"use client";

import { Keyboard } from "lucide-react";
import { useRouter } from "next/navigation";
import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { formatDateTime } from "@/lib/format";
import { APPROVAL_UNDO_SECONDS } from "@/lib/rules/approval-undo";
import { claimRequestAction, decideRequestPartAction, nextRequestAction } from "../../actions";
import { FormStatus } from "@/components/ui/form-status";
import { DESK_KEY_LEGEND, deskKeyOf, templateIndexOf } from "./decision-keys";

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

async function goToNextRequest(router: ReturnType<typeof useRouter>, currentId: number): Promise<void> {
  const result = await nextRequestAction({ excludeId: currentId });
  router.push(result.ok && result.data.id ? `/moderation/requests/${result.data.id}` : "/moderation");
}

type PartKind = "REVIEW" | "RECEIPT";
const PART_NAME: Record<PartKind, string> = { REVIEW: "отзыв", RECEIPT: "чек" };

interface HeldApproval {
  partKind: PartKind;
  attempt: number;
  sendAt: number;
}

/** What a part's panel hands the desk, so the page's keys can act on it. */
interface PanelHandle {
  approve(): void;
  startReject(): void;
}

interface Desk {
  held: HeldApproval | null;
  sending: boolean;
  /** Parts whose approval went through: their panels stay disabled until the page shows the decision. */
  sent: PartKind[];
  hold(partKind: PartKind, attempt: number): void;
  register(partKind: PartKind, handle: PanelHandle | null): void;
  next(): void;
  openLegend(): void;
}

const DeskContext = createContext<Desk | null>(null);

function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error("DecisionPanel must be inside DecisionDesk");
  return desk;
}

/**
 * The decision page's keys and its approval hold. An approval is not sent at once: it waits
 * APPROVAL_UNDO_SECONDS in this browser with "Отменить" on screen, so a stray A or click credits nothing.
 * "Отправить сейчас", N and leaving for another page of the portal send it at once; closing or reloading
 * the tab asks first, and if the moderator leaves anyway the approval is not sent (the part stays waiting).
 */
export function DecisionDesk({ requestId, pendingParts, children }: { requestId: number; pendingParts: PartKind[]; children: ReactNode }) {
  const router = useRouter();
  const [held, setHeld] = useState<HeldApproval | null>(null);
  const heldRef = useRef<HeldApproval | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { pending: sending, error, setError, run } = useServerAction();
  const [sent, setSent] = useState<PartKind[]>([]);
  const sentRef = useRef<PartKind[]>([]);
  useEffect(() => {
    sentRef.current = sent;
  }, [sent]);
  const panels = useRef(new Map<PartKind, PanelHandle>());
  const legendRef = useRef<HTMLDialogElement>(null);
  const mounted = useRef(true);

  const keep = useCallback((value: HeldApproval | null) => {
    heldRef.current = value;
    setHeld(value);
  }, []);

  /** Sends the held approval; `thenNext`: open the next request afterwards even if parts still wait. */
  const send = useCallback(
    async (thenNext = false) => {
      const approval = heldRef.current;
      if (!approval) return false;
      keep(null);
      const result = await run(
        () => decideRequestPartAction({ requestId, partKind: approval.partKind, attempt: approval.attempt, decision: "APPROVE" }),
        "Не удалось сохранить одобрение. Попробуйте ещё раз.",
      );
      if (!mounted.current) return Boolean(result);
      if (!result) return false;
      setSent((parts) => [...parts, approval.partKind]);
      const next = result.data.nextRequestId;
      if (next !== undefined) router.push(next ? `/moderation/requests/${next}` : "/moderation");
      else if (thenNext) await goToNextRequest(router, requestId);
      else router.refresh();
      return true;
    },
    [keep, requestId, router, run],
  );

  const hold = useCallback(
    (partKind: PartKind, attempt: number) => {
      setError(null);
      // One approval waits at a time: an earlier one (the other part) goes now.
      if (heldRef.current) void send();
      const at = Date.now();
      setNow(at);
      keep({ partKind, attempt, sendAt: at + APPROVAL_UNDO_SECONDS * 1000 });
    },
    [keep, send, setError],
  );
  const undo = useCallback(() => keep(null), [keep]);

  // The countdown, and the send when it reaches zero.
  useEffect(() => {
    if (!held) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= held.sendAt) void send();
    }, 200);
    return () => clearInterval(timer);
  }, [held, send]);

  // Closing or reloading the tab with an approval waiting: the browser asks; leaving anyway drops it.
  useEffect(() => {
    if (!held) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [held]);

  // Leaving for another page of the portal (a link, the queue): the waiting approval is sent on the way out.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const approval = heldRef.current;
      heldRef.current = null;
      if (approval) void decideRequestPartAction({ requestId, partKind: approval.partKind, attempt: approval.attempt, decision: "APPROVE" });
    };
  }, [requestId]);

  const next = useCallback(() => {
    if (sending) return;
    if (heldRef.current) void send(true);
    else void goToNextRequest(router, requestId);
  }, [requestId, router, send, sending]);
  const openLegend = useCallback(() => legendRef.current?.showModal(), []);
  const register = useCallback((partKind: PartKind, handle: PanelHandle | null) => {
    if (handle) panels.current.set(partKind, handle);
    else panels.current.delete(partKind);
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      // Text fields keep their keys; an open viewer or legend has its own.
      if (target.closest("input, textarea, select, [contenteditable]") || document.querySelector("dialog[open]")) return;
      const key = deskKeyOf(event);
      if (!key) return;
      event.preventDefault();
      // A key held down repeats: one press is one decision (a held A would approve the other part too).
      if (event.repeat) return;
      const waiting = pendingParts.filter((part) => part !== heldRef.current?.partKind && !sentRef.current.includes(part));
      if (key === "approve") {
        if (waiting[0]) panels.current.get(waiting[0])?.approve();
      } else if (key === "reject") {
        if (waiting[0]) panels.current.get(waiting[0])?.startReject();
      } else if (key === "undo") undo();
      else if (key === "next") next();
      else openLegend();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [next, openLegend, pendingParts, undo]);

  const desk = useMemo<Desk>(() => ({ held, sending, sent, hold, register, next, openLegend }), [held, sending, sent, hold, register, next, openLegend]);
  const secondsLeft = held ? Math.max(0, Math.ceil((held.sendAt - now) / 1000)) : 0;

  return (
    <DeskContext.Provider value={desk}>
      {children}
      {/* Room below the last card, so the toast never covers its buttons. */}
      {(held || error) && <div aria-hidden className="h-24" />}
      {(held || error) && (
        <div className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4" data-testid="approval-toast">
          <div role="status" className="flex max-w-3xl flex-wrap items-center gap-3 rounded-2xl bg-ink px-4 py-3 text-sm text-white shadow-lg">
            {held ? (
              <>
                <span>
                  Одобрено: {PART_NAME[held.partKind]}. Баллы начислятся через{" "}
                  {/* The countdown is for the eyes; a screen reader hears the message once, not every second. */}
                  <span className="tabular-nums" data-testid="approval-countdown" aria-hidden>
                    {secondsLeft}
                  </span>
                  <span className="sr-only">{APPROVAL_UNDO_SECONDS}</span> с
                </span>
                <button type="button" onClick={undo} className="min-h-11 rounded-xl bg-white px-3 font-semibold text-ink hover:bg-brand-50">
                  Отменить <kbd className="text-xs">Z</kbd>
                </button>
                <button type="button" onClick={() => void send()} disabled={sending} className="min-h-11 rounded-xl px-3 font-medium text-white ring-1 ring-white/40 hover:bg-white/10 disabled:opacity-60">
                  Отправить сейчас
                </button>
              </>
            ) : (
              <span role="alert">{error}</span>
            )}
          </div>
        </div>
      )}
      <dialog ref={legendRef} aria-labelledby="key-legend-title" className="m-auto w-full max-w-lg rounded-2xl p-0 backdrop:bg-black/50" data-testid="key-legend">
        <div className="space-y-3 p-5">
          <h2 id="key-legend-title" className="text-lg font-semibold">
            Клавиши
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {DESK_KEY_LEGEND.map((row) => (
              <div key={row.keys} className="contents">
                <dt>
                  <kbd className="rounded-md bg-canvas px-2 py-0.5 font-mono text-xs ring-1 ring-line">{row.keys}</kbd>
                </dt>
                <dd>{row.what}</dd>
              </div>
            ))}
          </dl>
          <form method="dialog" className="flex justify-end">
            <Button type="submit" variant="secondary" autoFocus>
              Закрыть
            </Button>
          </form>
        </div>
      </dialog>
    </DeskContext.Provider>
  );
}

/** "Следующая заявка" and "Клавиши", with their keys. */
export function DeskToolbar() {
  const desk = useDesk();
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="button" variant="secondary" size="sm" onClick={desk.next} disabled={desk.sending} data-testid="next-request">
        Следующая заявка <kbd className="hidden text-xs sm:inline">N</kbd>
      </Button>
      <Button type="button" variant="ghost" size="sm" onClick={desk.openLegend} aria-label="Клавиши (?)">
        <Keyboard className="size-4" aria-hidden /> <kbd className="text-xs">?</kbd>
      </Button>
    </div>
  );
}

/** Approve (held for the undo window), or reject with a comment (templates 1–9), one part of the request. */
export function DecisionPanel({
  requestId,
  partKind,
  attempt,
  templates,
}: {
  requestId: number;
  partKind: PartKind;
  attempt: number;
  templates: { id: number; title: string; text: string }[];
}) {
  const router = useRouter();
  const desk = useDesk();
  const [comment, setComment] = useState("");
  const commentRef = useRef<HTMLTextAreaElement>(null);
  // Straight after R, a digit picks a template rather than typing itself.
  const armed = useRef(false);
  const { pending, error, setError, run } = useServerAction();
  const isHeld = desk.held?.partKind === partKind;
  const busy = pending || isHeld || desk.sending || desk.sent.includes(partKind);

  async function reject() {
    if (busy) return;
    if (!comment.trim()) {
      setError("Укажите причину отказа — участник увидит этот комментарий.");
      commentRef.current?.focus();
      return;
    }
    // The decided part's panel leaves the page with the refresh or the next request: no second click meanwhile.
    const result = await run(() => decideRequestPartAction({ requestId, partKind, attempt, decision: "REJECT", comment }), "Не удалось сохранить решение. Попробуйте ещё раз.", {
      keepPendingOnSuccess: true,
    });
    if (!result) return;
    // The server answers with the next request once this one has nothing left to decide.
    const next = result.data.nextRequestId;
    if (next === undefined) router.refresh();
    else router.push(next ? `/moderation/requests/${next}` : "/moderation");
  }

  function approve() {
    if (busy) return;
    setError(null);
    desk.hold(partKind, attempt);
  }

  function startReject() {
    commentRef.current?.focus();
    armed.current = true;
  }

  // Re-registered after every render, so the page's keys always reach this render's state.
  const { register } = desk;
  useEffect(() => {
    register(partKind, { approve, startReject });
    return () => register(partKind, null);
  });

  function onCommentKey(event: ReactKeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    const index = armed.current ? templateIndexOf(event) : null;
    if (index !== null) {
      event.preventDefault();
      const template = templates[index];
      if (template) setComment(template.text);
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      void reject();
      return;
    }
    if (event.key === "Escape") {
      event.currentTarget.blur();
    }
    if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) armed.current = false;
  }

  return (
    <div className="space-y-3 rounded-xl bg-canvas p-3" data-testid={`decision-${partKind.toLowerCase()}`} data-pending-part={`${partKind}:${attempt}`} data-held={isHeld ? "true" : undefined}>
      <div className="flex flex-wrap gap-2">
        {templates.map((template, index) => (
          <button key={template.id} type="button" onClick={() => setComment(template.text)} className="min-h-9 rounded-full bg-white px-3 py-1 text-xs font-medium ring-1 ring-line hover:ring-brand-200">
            {index < 9 && (
              <kbd className="mr-1 hidden text-muted sm:inline" aria-hidden>
                {index + 1}
              </kbd>
            )}
            {template.title}
          </button>
        ))}
      </div>
      <Textarea
        ref={commentRef}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        onKeyDown={onCommentKey}
        onBlur={() => (armed.current = false)}
        placeholder="Комментарий для участника (обязателен при отказе)"
        aria-label="Комментарий"
        aria-describedby={`reject-keys-${partKind}`}
        data-reject-comment
        rows={2}
        className="text-sm"
      />
      <p id={`reject-keys-${partKind}`} className="hidden text-xs text-muted sm:block">
        Enter — отправить отказ, Shift+Enter — новая строка{templates.length > 0 ? `, сразу после R ${templates.length === 1 ? "цифра 1" : `цифра 1–${Math.min(9, templates.length)}`} — шаблон` : ""}.
      </p>
      <FormStatus error={error} />
      {isHeld && (
        <p className="text-sm font-medium text-emerald-800" data-testid="approval-held">
          Одобрение ждёт отправки — его ещё можно отменить.
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" className="flex-1 bg-emerald-700 hover:bg-emerald-800" disabled={busy} onClick={approve} data-approve>
          Одобрить <kbd className="hidden text-xs sm:inline">A</kbd>
        </Button>
        <Button type="button" variant="secondary" className="flex-1 text-red-700" disabled={busy} onClick={() => void reject()}>
          Отклонить <kbd className="hidden text-xs sm:inline">R, Enter</kbd>
        </Button>
      </div>
    </div>
  );
}
