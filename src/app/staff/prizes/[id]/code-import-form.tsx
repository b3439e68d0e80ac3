"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Textarea } from "@/components/ui/textarea";
import { pluralRu } from "@/lib/plural-ru";
import { importPrizeCodesAction } from "../actions";

/** Server actions accept about 1 MB; a bigger list is refused here with advice instead of a generic failure. */
const MAX_TEXT_KILOBYTES = 900;
const MAX_TEXT_BYTES = MAX_TEXT_KILOBYTES * 1024;

/**
 * Codes from the partner: pasted one per line, or a CSV/text file (its first column). The whole list is
 * imported or nothing is; problems come back with their line numbers. The codes leave the browser once and
 * are never shown in full again.
 */
export function CodeImportForm({ prizeId }: { prizeId: number }) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const { pending, error, done, setError, setDone, run } = useServerAction();

  async function pickFile(file: File | undefined) {
    setError(null);
    setDone(null);
    if (!file) return;
    if (file.size > MAX_TEXT_BYTES) {
      setError(`Файл больше ${MAX_TEXT_KILOBYTES} КБ. Разделите его на части и загрузите по очереди.`);
      return;
    }
    setText(await file.text());
    setFileName(file.name);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!text.trim()) {
      setError("Вставьте коды или выберите файл.");
      return;
    }
    if (new Blob([text]).size > MAX_TEXT_BYTES) {
      setError(`Список больше ${MAX_TEXT_KILOBYTES} КБ. Разделите его на части и загрузите по очереди.`);
      return;
    }
    const result = await run(() => importPrizeCodesAction({ prizeId, text, fileName: fileName ?? undefined }), "Не удалось загрузить коды. Попробуйте ещё раз.");
    if (!result) return;
    const { imported, emptyLines } = result.data;
    // The codes are stored: drop them from the page.
    setText("");
    setFileName(null);
    setDone(
      `Загружено ${imported} ${pluralRu(imported, ["код", "кода", "кодов"])}.` +
        (emptyLines > 0 ? ` Пустых строк пропущено: ${emptyLines}.` : ""),
    );
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="code-import-form">
      <Textarea
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setFileName(null);
        }}
        rows={6}
        placeholder={"Один код в строке, например:\nKINO-7F3K-92QX\nKINO-2M8D-41PL"}
        aria-label="Коды"
        spellCheck={false}
        autoComplete="off"
        className="font-mono text-sm"
        data-testid="codes-input"
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button type="button" variant="secondary" size="sm" onClick={() => fileRef.current?.click()}>
          Выбрать файл CSV или TXT
        </Button>
        {fileName && <span className="text-muted">{fileName}</span>}
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          hidden
          data-testid="codes-file"
          onChange={(event) => {
            void pickFile(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
      </div>
      <p className="text-xs text-muted">
        Из CSV берётся первый столбец, строка заголовка и пустые строки пропускаются. Если в списке есть повторы или уже загруженные коды, не загрузится ничего —
        мы покажем номера строк.
      </p>
      {error ? (
        <div className="whitespace-pre-line">
          <FormStatus error={error} />
        </div>
      ) : (
        <FormStatus done={done} />
      )}
      <PendingButton type="submit" pending={pending} pendingText="Загружаем…" data-testid="import-codes">
        Загрузить коды
      </PendingButton>
    </form>
  );
}
