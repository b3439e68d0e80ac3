"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { SmartCaptcha, captchaAvailable } from "@/components/captcha/smart-captcha";
import { GENERIC_ERROR_MESSAGE } from "@/lib/action-result";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { formatRussianPhone } from "@/lib/phone-format";
import { SIGN_IN_CODE, SIGN_IN_CODE_FORMAT_MESSAGE, SIGN_IN_CODE_PATTERN } from "@/lib/rules/sign-in-code";
import { requestSignInCodeAction } from "./actions";

type Step = { name: "phone" } | { name: "code"; phone: string };

export function PhoneSignInForm() {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: "phone" });
  const [phoneInput, setPhoneInput] = useState("");
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [resendIn, setResendIn] = useState(0);
  // Shown once the server asks for a CAPTCHA (SmartCaptcha configured and a limit's threshold crossed).
  const [captcha, setCaptcha] = useState<{ token: string | null; round: number } | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  async function sendCode() {
    setPending(true);
    setError(null);
    setNotice(null);
    try {
      const result = await requestSignInCodeAction({ phone: step.name === "code" ? step.phone : phoneInput, captchaToken: captcha?.token ?? undefined });
      if (!result.ok) {
        setError(result.message);
        if (result.retryAfterSeconds) setResendIn(result.retryAfterSeconds);
        // A token works once: a fresh challenge for the next try.
        if (result.code === "CAPTCHA_REQUIRED" && captchaAvailable) setCaptcha((shown) => ({ token: null, round: (shown?.round ?? 0) + 1 }));
        return;
      }
      setCaptcha(null);
      setStep({ name: "code", phone: result.data.phone });
      setResendIn(result.data.resendAfterSeconds);
      setNotice(`Мы отправили SMS с кодом на ${formatRussianPhone(result.data.phone)}.`);
      setCode("");
      setTimeout(() => codeRef.current?.focus(), 0);
    } catch {
      setError(GENERIC_ERROR_MESSAGE);
    } finally {
      setPending(false);
    }
  }

  async function onPhoneSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!consent) {
      setError("Чтобы участвовать, подтвердите согласие на обработку персональных данных.");
      return;
    }
    await sendCode();
  }

  async function onCodeSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending || step.name !== "code") return;
    const digits = code.replace(/\D/g, "");
    if (digits.length !== SIGN_IN_CODE.digits) {
      setError(SIGN_IN_CODE_FORMAT_MESSAGE);
      return;
    }
    setPending(true);
    setError(null);
    const failure = await signInWithCredentials("phone-otp", { phone: step.phone, code: digits, consent: String(consent) });
    if (failure) {
      setError(failure);
      setPending(false);
      return;
    }
    router.replace("/cabinet");
    router.refresh();
  }

  if (step.name === "phone") {
    return (
      <form onSubmit={onPhoneSubmit} noValidate className="space-y-4">
        <div className="space-y-1.5">
          <label htmlFor="phone" className="text-sm font-medium">
            Номер телефона
          </label>
          <Input
            id="phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+7 912 345-67-89"
            value={phoneInput}
            onChange={(event) => setPhoneInput(event.target.value)}
            aria-invalid={error !== null}
            maxLength={32}
            required
          />
        </div>
        <label className="flex items-start gap-3 text-sm leading-snug text-muted">
          <input
            type="checkbox"
            name="consent"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
            className="mt-0.5 size-5 shrink-0 accent-brand-600"
          />
          <span>
            Я даю согласие на обработку персональных данных (152-ФЗ) для участия в программе Carely: номер телефона,
            данные заявок и заказов.
          </span>
        </label>
        {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
        {error && (
          <Alert tone="error" data-testid="form-error">
            {error}
          </Alert>
        )}
        <Button type="submit" size="lg" disabled={pending}>
          {pending ? "Отправляем код…" : "Получить код"}
        </Button>
      </form>
    );
  }

  return (
    <form onSubmit={onCodeSubmit} noValidate className="space-y-4">
      {notice && <Alert tone="info">{notice}</Alert>}
      <div className="space-y-1.5">
        <label htmlFor="code" className="text-sm font-medium">
          Код из SMS
        </label>
        <Input
          ref={codeRef}
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern={SIGN_IN_CODE_PATTERN}
          maxLength={SIGN_IN_CODE.digits}
          placeholder={"0".repeat(SIGN_IN_CODE.digits)}
          className="text-center text-2xl tracking-[0.5em]"
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, "").slice(0, SIGN_IN_CODE.digits))}
          aria-invalid={error !== null}
        />
      </div>
      {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
      {error && (
          <Alert tone="error" data-testid="form-error">
            {error}
          </Alert>
        )}
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Проверяем…" : "Войти"}
      </Button>
      <div className="flex items-center justify-between text-sm">
        <button
          type="button"
          className="text-muted hover:text-ink"
          onClick={() => {
            setStep({ name: "phone" });
            setError(null);
            setNotice(null);
          }}
        >
          Изменить номер
        </button>
        <button
          type="button"
          className="font-medium text-brand-700 disabled:text-muted"
          disabled={pending || resendIn > 0}
          onClick={() => void sendCode()}
        >
          {resendIn > 0 ? `Новый код через ${resendIn} с` : "Отправить код ещё раз"}
        </button>
      </div>
    </form>
  );
}

