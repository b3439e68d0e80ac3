"use client";

import { useEffect, useRef } from "react";
import { SMARTCAPTCHA_CLIENT_KEY, SMARTCAPTCHA_SCRIPT_URL } from "@/lib/captcha";

interface SmartCaptchaApi {
  render(container: HTMLElement, options: { sitekey: string; hl?: string; callback?: (token: string) => void }): number;
  destroy(widgetId: number): void;
}
declare global {
  interface Window {
    smartCaptcha?: SmartCaptchaApi;
  }
}

let scriptLoading: Promise<SmartCaptchaApi> | null = null;

/** Loads Yandex's widget script once; under the portal's CSP ('strict-dynamic') a script our bundle adds may run. */
function loadSmartCaptcha(): Promise<SmartCaptchaApi> {
  if (window.smartCaptcha) return Promise.resolve(window.smartCaptcha);
  scriptLoading ??= new Promise<SmartCaptchaApi>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = SMARTCAPTCHA_SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.smartCaptcha ? resolve(window.smartCaptcha) : reject(new Error("SmartCaptcha did not load")));
    script.onerror = () => {
      scriptLoading = null;
      reject(new Error("SmartCaptcha did not load"));
    };
    document.head.append(script);
  });
  return scriptLoading;
}

/** Whether the forms can show a CAPTCHA at all (a site key was given at build time). */
export const captchaAvailable = SMARTCAPTCHA_CLIENT_KEY !== "";

/**
 * The "Я не робот" widget, shown by a sign-in form once the server asks for it. Each solved challenge
 * yields a single-use token; `resetKey` renders a fresh widget after a token was spent.
 */
export function SmartCaptcha({ onToken, resetKey = 0 }: { onToken: (token: string) => void; resetKey?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const latestOnToken = useRef(onToken);
  useEffect(() => {
    latestOnToken.current = onToken;
  }, [onToken]);

  useEffect(() => {
    if (!captchaAvailable || !container.current) return;
    let widgetId: number | undefined;
    let cancelled = false;
    const element = container.current;
    loadSmartCaptcha()
      .then((api) => {
        if (cancelled) return;
        widgetId = api.render(element, { sitekey: SMARTCAPTCHA_CLIENT_KEY, hl: "ru", callback: (token) => latestOnToken.current(token) });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (widgetId !== undefined) window.smartCaptcha?.destroy(widgetId);
    };
  }, [resetKey]);

  return <div ref={container} className="min-h-[102px]" data-testid="smart-captcha" />;
}
