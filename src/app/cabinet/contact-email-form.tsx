"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { EMAIL_MAX_LENGTH } from "@/lib/rules/email-address";
import { updateContactEmailAction } from "./actions";

const NETWORK_ERROR = "Не удалось сохранить. Проверьте интернет и попробуйте ещё раз.";

/** Where decision emails go. Saving an empty field removes the address; cabinet notifications stay on. */
export function ContactEmailForm({ initialEmail }: { initialEmail: string | null }) {
  const [saved, setSaved] = useState(initialEmail);
  const [email, setEmail] = useState(initialEmail ?? "");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(value: string) {
    if (pending) return;
    setPending(true);
    setError(null);
    setNotice(null);
    try {
      const result = await updateContactEmailAction({ email: value });
      if (!result.ok) {
        // The input keeps what was typed, so the mistake can be fixed in place.
        setError(result.fieldErrors?.email ?? result.message);
        return;
      }
      setSaved(result.data.contactEmail);
      setEmail(result.data.contactEmail ?? "");
      setNotice(result.data.contactEmail ? "Сохранено. Письма будут приходить на этот адрес." : "Адрес удалён. Уведомления останутся в кабинете.");
    } catch {
      setError(NETWORK_ERROR);
    } finally {
      setPending(false);
    }
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
        <Input
          id="contact-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          placeholder="name@example.ru"
          value={email}
          maxLength={EMAIL_MAX_LENGTH}
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
          <Button type="submit" disabled={pending || email.trim().toLowerCase() === (saved ?? "")}>
            {pending ? "Сохраняем…" : "Сохранить"}
          </Button>
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
