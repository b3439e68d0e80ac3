"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { asActionResult, useServerAction } from "@/components/forms/use-server-action";
import { Input } from "@/components/ui/input";
import { SmartCaptcha, captchaAvailable } from "@/components/captcha/smart-captcha";
import { CAPTCHA_FAILED_MESSAGE, CAPTCHA_REQUIRED_MESSAGE } from "@/lib/captcha";
import { GENERIC_ERROR_MESSAGE } from "@/lib/action-result";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { FormStatus } from "@/components/ui/form-status";

export function StaffSignInForm() {
  const router = useRouter();
  const { pending, error, setError, run } = useServerAction();
  // Shown once the server asks for a CAPTCHA (SmartCaptcha configured and this email under attack).
  const [captcha, setCaptcha] = useState<{ token: string | null; round: number } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Введите почту и пароль.");
      return;
    }
    const signedIn = await run(() => asActionResult(signInWithCredentials("staff-password", { email, password, captchaToken: captcha?.token ?? "" })), GENERIC_ERROR_MESSAGE, {
      // The staff area is opening: the button stays disabled until it has.
      keepPendingOnSuccess: true,
      onFailure({ message }) {
        // A token works once: a fresh challenge for the next try.
        if ((message === CAPTCHA_REQUIRED_MESSAGE || message === CAPTCHA_FAILED_MESSAGE || captcha) && captchaAvailable) {
          setCaptcha((shown) => ({ token: null, round: (shown?.round ?? 0) + 1 }));
        }
      },
    });
    if (!signedIn) return;
    // The home page sends each role to its own area.
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="email" label="Электронная почта">
        {(control) => <Input {...control} name="email" type="email" autoComplete="username" required />}
      </Field>
      <Field id="password" label="Пароль">
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
      <FormStatus error={error} />
      <PendingButton type="submit" size="lg" pending={pending} pendingText="Входим…">
        Войти
      </PendingButton>
    </form>
  );
}
