// Shared by the sign-in forms and the server: when a CAPTCHA is asked for, and how the widget is found.

/** The message (and, through next-auth, the error) that tells a form to show the CAPTCHA and try again. */
export const CAPTCHA_REQUIRED_MESSAGE = "Подтвердите, что вы не робот, и повторите попытку.";
export const CAPTCHA_FAILED_MESSAGE = "Проверка «Я не робот» не пройдена. Пройдите её ещё раз.";

/** The widget's site key, baked in at build time; without it the forms never show a CAPTCHA. */
export const SMARTCAPTCHA_CLIENT_KEY = process.env.NEXT_PUBLIC_SMARTCAPTCHA_CLIENT_KEY ?? "";
export const SMARTCAPTCHA_SCRIPT_URL = "https://smartcaptcha.yandexcloud.net/captcha.js?render=onload";
