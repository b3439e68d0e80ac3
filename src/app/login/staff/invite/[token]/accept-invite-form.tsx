"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { STAFF_NAME_LENGTH } from "@/lib/rules/staff-invite";
import { acceptStaffInviteAction } from "./actions";

/** Name, password and its confirmation; on success the new account signs straight in. */
export function AcceptInviteForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await acceptStaffInviteAction({ token, name: String(form.get("name") ?? ""), password, passwordConfirmation: String(form.get("passwordConfirmation") ?? "") }).catch(() => null);
    if (!result || !result.ok) {
      setPending(false);
      setError(result?.message ?? "Не удалось создать учётную запись. Попробуйте ещё раз.");
      setFieldErrors(result?.fieldErrors ?? {});
      return;
    }
    setCreated(true);
    const failure = await signInWithCredentials("staff-password", { email: result.data.email, password });
    if (failure) {
      // The account exists; only the automatic sign-in failed: the sign-in page works as usual.
      setPending(false);
      setError(`Учётная запись создана, но войти автоматически не получилось: ${failure}`);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  if (created && error) {
    return (
      <div className="space-y-4">
        <Alert tone="error" data-testid="form-error">
          {error}
        </Alert>
        <Link href="/login/staff" className="inline-block font-medium text-brand-700 hover:underline">
          Перейти ко входу
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="accept-invite-form">
      {/* For password managers: the account's login, saved with the new password. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="space-y-1.5">
        <label htmlFor="invite-name" className="text-sm font-medium">
          Имя и фамилия
        </label>
        <Input id="invite-name" name="name" autoComplete="name" maxLength={STAFF_NAME_LENGTH.max} required aria-invalid={Boolean(fieldErrors.name)} />
        {fieldErrors.name && <p className="text-sm text-red-700">{fieldErrors.name}</p>}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="invite-password" className="text-sm font-medium">
          Пароль
        </label>
        <Input id="invite-password" name="password" type="password" autoComplete="new-password" minLength={minLength} required aria-invalid={Boolean(fieldErrors.password)} />
        {fieldErrors.password && <p className="text-sm text-red-700">{fieldErrors.password}</p>}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="invite-password-confirmation" className="text-sm font-medium">
          Пароль ещё раз
        </label>
        <Input
          id="invite-password-confirmation"
          name="passwordConfirmation"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(fieldErrors.passwordConfirmation)}
        />
        {fieldErrors.passwordConfirmation && <p className="text-sm text-red-700">{fieldErrors.passwordConfirmation}</p>}
      </div>
      {error && (
        <Alert tone="error" data-testid="form-error">
          {error}
        </Alert>
      )}
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Создаём…" : "Создать учётную запись и войти"}
      </Button>
    </form>
  );
}
