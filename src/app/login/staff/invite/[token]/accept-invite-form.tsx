"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { acceptStaffInviteAction } from "./actions";
import { STAFF_NAME_LENGTH } from "@/lib/rules/staff-invite";
import { FormStatus } from "@/components/ui/form-status";

/** Name, password and its confirmation; on success the new account signs straight in. */
export function AcceptInviteForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const router = useRouter();
  const [created, setCreated] = useState(false);
  const { pending, error, fieldErrors, run, formRef } = useServerAction({ fields: ["name", "password", "passwordConfirmation"] });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const signedIn = await run(
      async () => {
        const result = await acceptStaffInviteAction({ token, name: String(form.get("name") ?? ""), password, passwordConfirmation: String(form.get("passwordConfirmation") ?? "") });
        if (!result.ok) return result;
        setCreated(true);
        const failure = await signInWithCredentials("staff-password", { email: result.data.email, password });
        // The account exists; only the automatic sign-in failed: the sign-in page works as usual.
        return failure ? { ok: false as const, code: "INTERNAL" as const, message: `Учётная запись создана, но войти автоматически не получилось: ${failure}` } : result;
      },
      "Не удалось создать учётную запись. Попробуйте ещё раз.",
      // The portal is opening: the button stays disabled until it has.
      { keepPendingOnSuccess: true },
    );
    if (!signedIn) return;
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
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="accept-invite-form">
      {/* For password managers: the account's login, saved with the new password. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="invite-name" label="Имя и фамилия" error={fieldErrors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" maxLength={STAFF_NAME_LENGTH.max} required />}
      </Field>
      <Field id="invite-password" label="Пароль" error={fieldErrors.password}>
        {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" minLength={minLength} required />}
      </Field>
      <Field id="invite-password-confirmation" label="Пароль ещё раз" error={fieldErrors.passwordConfirmation}>
        {(control) => <Input {...control} name="passwordConfirmation" type="password" autoComplete="new-password" required />}
      </Field>
      <FormStatus error={error} />
      <PendingButton type="submit" size="lg" pending={pending} pendingText="Создаём…">
        Создать учётную запись и войти
      </PendingButton>
    </form>
  );
}
