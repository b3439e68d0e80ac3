"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { SmartCaptcha, captchaAvailable } from "@/components/captcha/smart-captcha";
import { CAPTCHA_FAILED_MESSAGE, CAPTCHA_REQUIRED_MESSAGE } from "@/lib/captcha";
import { signInWithCredentials } from "@/lib/credentials-sign-in";

export function StaffSignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
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
    setPending(true);
    setError(null);
    const failure = await signInWithCredentials("staff-password", { email, password, captchaToken: captcha?.token ?? "" });
    if (failure) {
      setError(failure);
      setPending(false);
      // A token works once: a fresh challenge for the next try.
      if ((failure === CAPTCHA_REQUIRED_MESSAGE || failure === CAPTCHA_FAILED_MESSAGE || captcha) && captchaAvailable) {
        setCaptcha((shown) => ({ token: null, round: (shown?.round ?? 0) + 1 }));
      }
      return;
    }
    // The home page sends each role to its own area.
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor="email" className="text-sm font-medium">
          Электронная почта
        </label>
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className="text-sm font-medium">
          Пароль
        </label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
      {error && (
          <Alert tone="error" data-testid="form-error">
            {error}
          </Alert>
        )}
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Входим…" : "Войти"}
      </Button>
    </form>
  );
}
