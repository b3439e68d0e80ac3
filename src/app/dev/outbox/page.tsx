import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BrandMark } from "@/components/brand-mark";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { isDevOutboxEnabled } from "@/server/config/env";
import { listDevOutbox } from "@/server/domain/outbox/list-dev-outbox";

export const metadata: Metadata = { title: "Исходящие (разработка)", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!isDevOutboxEnabled()) notFound();
  const { to } = await searchParams;
  const messages = await listDevOutbox({ recipient: typeof to === "string" ? to.slice(0, 64) : undefined });
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <BrandMark />
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">Исходящие сообщения</h1>
      <p className="mt-1 text-sm text-muted">
        Режим разработки: SMS и письма не уходят наружу, а попадают сюда и в журнал сервера.
      </p>
      <form className="mt-4 flex gap-2" action="/dev/outbox">
        <input name="to" defaultValue={to ?? ""} placeholder="Фильтр по получателю" className="h-10 flex-1 rounded-xl border border-line bg-white px-3 text-sm" />
        <button className="h-10 rounded-xl bg-brand-600 px-4 text-sm font-medium text-white">Найти</button>
      </form>
      <div className="mt-5 space-y-3">
        {messages.length === 0 && <p className="text-muted">Сообщений пока нет.</p>}
        {messages.map((message) => (
          <Card key={message.id} className="p-4" data-testid="outbox-message">
            <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
              <Badge tone="brand">{message.channel === "SMS" ? "SMS" : "Email"}</Badge>
              <span data-testid="outbox-recipient">{message.recipient}</span>
              <span>· {formatDateTime(message.createdAt)}</span>
              <span data-testid="outbox-status">· {message.status}</span>
              {message.provider && message.provider !== "outbox" && <span>· {message.provider}</span>}
            </div>
            {message.subject && (
              <p className="mt-2 font-medium" data-testid="outbox-subject">
                {message.subject}
              </p>
            )}
            {message.lastError && (
              <p className="mt-1 text-sm text-red-700">
                Последняя ошибка: {message.lastError} · попыток: {message.attempts}
                {message.nextAttemptAt && message.status === "FAILED" && <> · повтор после {formatDateTime(message.nextAttemptAt)}</>}
              </p>
            )}
            <p className="mt-1 whitespace-pre-wrap text-[15px]" data-testid="outbox-text">
              {message.text}
            </p>
            {message.channel === "EMAIL" && message.template && (
              <a href={`/dev/outbox/${message.id}`} target="_blank" rel="noopener" className="mt-2 inline-block text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
                Открыть письмо как HTML
              </a>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
