"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInWithCredentials } from "@/lib/credentials-sign-in";

export function StaffSignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
    const failure = await signInWithCredentials("staff-password", { email, password });
    if (failure) {
      setError(failure);
      setPending(false);
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
