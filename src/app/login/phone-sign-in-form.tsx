"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field, FieldError } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { asActionResult, useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { SmartCaptcha, captchaAvailable } from "@/components/captcha/smart-captcha";
import { GENERIC_ERROR_MESSAGE } from "@/lib/action-result";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { CONSENT_MISSING_MESSAGE, SIGN_IN_CODE, SIGN_IN_CODE_FORMAT_MESSAGE, SIGN_IN_CODE_PATTERN } from "@/lib/rules/sign-in-code";
import { cn } from "@/lib/cn";
import { formatPhoneAsTyped, formatRussianPhone } from "@/lib/phone-format";
import { requestSignInCodeAction } from "./actions";
import { FormStatus } from "@/components/ui/form-status";

type Step = { name: "phone" } | { name: "code"; phone: string };

/** "45 с", "3 мин": the wait before another code, short enough for the resend button. */
function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`;
}

export function PhoneSignInForm() {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: "phone" });
  const [phoneInput, setPhoneInput] = useState("");
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, fieldErrors, setError, refuse, clear, clearFieldError, run, formRef } = useServerAction({ fields: ["phone", "consent"] });
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
    setNotice(null);
    const result = await run(() => requestSignInCodeAction({ phone: step.name === "code" ? step.phone : phoneInput, captchaToken: captcha?.token ?? undefined }), GENERIC_ERROR_MESSAGE, {
      onFailure(failure) {
        if (failure.retryAfterSeconds) setResendIn(failure.retryAfterSeconds);
        // A token works once: a fresh challenge for the next try.
        if (failure.code === "CAPTCHA_REQUIRED" && captchaAvailable) setCaptcha((shown) => ({ token: null, round: (shown?.round ?? 0) + 1 }));
      },
    });
    if (!result) return;
    setCaptcha(null);
    setStep({ name: "code", phone: result.data.phone });
    setResendIn(result.data.resendAfterSeconds);
    // Asked again while the code sent earlier still works (a reload): that code, with the wait left.
    setNotice(
      result.data.sent
        ? `Мы отправили SMS с кодом на ${formatRussianPhone(result.data.phone)}.`
        : `Код уже отправлен на ${formatRussianPhone(result.data.phone)} — введите его из SMS.`,
    );
    setCode("");
    setTimeout(() => codeRef.current?.focus(), 0);
  }

  async function onPhoneSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!consent) {
      // About the box alone: the phone may be right, and is not marked.
      refuse({ fieldErrors: { consent: CONSENT_MISSING_MESSAGE } });
      return;
    }
    await sendCode();
  }

  async function onCodeSubmit(event: FormEvent) {
    event.preventDefault();
    await submitCode(code);
  }

  async function submitCode(typed: string) {
    if (pending || step.name !== "code") return;
    const digits = typed.replace(/\D/g, "");
    if (digits.length !== SIGN_IN_CODE.digits) {
      setError(SIGN_IN_CODE_FORMAT_MESSAGE);
      return;
    }
    const signedIn = await run(() => asActionResult(signInWithCredentials("phone-otp", { phone: step.phone, code: digits, consent: String(consent) })), GENERIC_ERROR_MESSAGE, {
      // The cabinet is opening: the button stays disabled until it has.
      keepPendingOnSuccess: true,
      // A refused code is cleared, so the next one typed (or filled in from the SMS) goes at once.
      onFailure: () => setCode(""),
    });
    if (!signedIn) {
      setTimeout(() => codeRef.current?.focus(), 0);
      return;
    }
    router.replace("/cabinet");
    router.refresh();
  }

  if (step.name === "phone") {
    return (
      <form ref={formRef} onSubmit={onPhoneSubmit} noValidate className="space-y-4">
        <Field id="phone" label="Номер телефона" error={fieldErrors.phone}>
          {(control) => (
            <Input
              {...control}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="+7 912 345-67-89"
              value={phoneInput}
              onChange={(event) => {
                setPhoneInput(formatPhoneAsTyped(event.target.value, phoneInput));
                clearFieldError("phone");
              }}
              maxLength={32}
              required
            />
          )}
        </Field>
        <label
          className={cn("flex items-start gap-3 rounded-xl text-sm leading-snug text-muted", fieldErrors.consent && "p-2 ring-2 ring-red-500")}
          data-testid="consent"
        >
          <input
            type="checkbox"
            name="consent"
            checked={consent}
            onChange={(event) => {
              setConsent(event.target.checked);
              if (event.target.checked) clearFieldError("consent");
            }}
            aria-invalid={Boolean(fieldErrors.consent)}
            aria-describedby={fieldErrors.consent ? "consent-error" : undefined}
            className="mt-0.5 size-5 shrink-0 accent-brand-600"
          />
          <span>
            Я даю согласие на{" "}
            <Link href="/privacy-policy" target="_blank" className="font-medium text-brand-700 underline underline-offset-2">
              обработку персональных данных
            </Link>{" "}
            (152-ФЗ) для участия в программе Carely: номер телефона, данные заявок и заказов.
          </span>
        </label>
        {fieldErrors.consent && (
          <div className="-mt-2">
            <FieldError id="consent-error">{fieldErrors.consent}</FieldError>
          </div>
        )}
        {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
        <FormStatus error={error} />
        <PendingButton type="submit" size="lg" pending={pending} pendingText="Отправляем код…">
          Получить код
        </PendingButton>
      </form>
    );
  }

  return (
    <form onSubmit={onCodeSubmit} noValidate className="space-y-4">
      {notice && <Alert tone="info">{notice}</Alert>}
      <Field id="code" label="Код из SMS" invalid={error !== null}>
        {(control) => (
          <Input
            {...control}
            ref={codeRef}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern={SIGN_IN_CODE_PATTERN}
            placeholder={"0".repeat(SIGN_IN_CODE.digits)}
            className="text-center text-2xl tracking-[0.5em]"
            value={code}
            onChange={(event) => {
              const digits = event.target.value.replace(/\D/g, "").slice(0, SIGN_IN_CODE.digits);
              setCode(digits);
              // The last digit typed, or the whole code filled in from the SMS: signed in without a tap.
              if (digits.length === SIGN_IN_CODE.digits && digits !== code) void submitCode(digits);
            }}
          />
        )}
      </Field>
      {captcha && <SmartCaptcha resetKey={captcha.round} onToken={(token) => setCaptcha((shown) => shown && { ...shown, token })} />}
      <FormStatus error={error} />
      <PendingButton type="submit" size="lg" pending={pending} pendingText="Проверяем…">
        Войти
      </PendingButton>
      <div className="flex items-center justify-between text-sm">
        <button
          type="button"
          className="text-muted hover:text-ink"
          onClick={() => {
            setStep({ name: "phone" });
            clear();
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
          {resendIn > 0 ? `Новый код через ${waitText(resendIn)}` : "Отправить код ещё раз"}
        </button>
      </div>
    </form>
  );
}

