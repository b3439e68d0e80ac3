"use client";

import { type FormEvent, useState } from "react";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { updateContactEmailAction } from "./actions";
import { EmailInput } from "@/components/ui/email-input";

const NETWORK_ERROR = "Не удалось сохранить. Проверьте интернет и попробуйте ещё раз.";

/** Where decision emails go. Saving an empty field removes the address; cabinet notifications stay on. */
export function ContactEmailForm({ initialEmail }: { initialEmail: string | null }) {
  const [saved, setSaved] = useState(initialEmail);
  const [email, setEmail] = useState(initialEmail ?? "");
  const { pending, error: formError, fieldErrors, done: notice, setDone: setNotice, run } = useServerAction();
  // The one field's own words when it has them; the input keeps what was typed, so the mistake can be fixed in place.
  const error = fieldErrors.email ?? formError;

  async function save(value: string) {
    const result = await run(() => updateContactEmailAction({ email: value }), NETWORK_ERROR);
    if (!result) return;
    setSaved(result.data.contactEmail);
    setEmail(result.data.contactEmail ?? "");
    setNotice(result.data.contactEmail ? "Сохранено. Письма будут приходить на этот адрес." : "Адрес удалён. Уведомления останутся в кабинете.");
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(email);
  }

  return (
    <Card data-testid="contact-email">
      <CardTitle>Email для уведомлений</CardTitle>
      <p className="mt-1 text-sm text-muted">
        Пришлём письмо, когда модератор проверит заявку. Уведомления в кабинете приходят всегда; email — по желанию.
      </p>
      <form className="mt-4 space-y-3" onSubmit={onSubmit} noValidate>
        <label htmlFor="contact-email" className="sr-only">
          Email
        </label>
        <EmailInput
          id="contact-email"
          name="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            setNotice(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "contact-email-error" : undefined}
        />
        {error && (
          <Alert tone="error" id="contact-email-error" data-testid="form-error">
            {error}
          </Alert>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        <div className="flex flex-wrap gap-2">
          <PendingButton type="submit" pending={pending} pendingText="Сохраняем…" disabled={email.trim().toLowerCase() === (saved ?? "")}>
            Сохранить
          </PendingButton>
          {saved && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => void save("")}>
              Удалить адрес
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
