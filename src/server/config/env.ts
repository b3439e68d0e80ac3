import "server-only";
import { z } from "zod";
import { portalInstancesSchema } from "./production-check";

/**
 * Every environment variable the portal reads, validated once. Each external service switches on by its
 * variables alone; with none set the portal runs fully offline (see README "Configuration").
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Required at run time (npm start sets it for the embedded PostgreSQL); checked where the pool is made. */
  DATABASE_URL: optionalString,
  /** Signs sessions and one-time-code hashes. npm start generates one into .data/ when unset. */
  NEXTAUTH_SECRET: optionalString,
  /** The portal's public URL, for links in emails (npm start sets it; http://localhost:3000 otherwise). */
  NEXTAUTH_URL: optionalString,
  /** Local demo mode: the development outbox page stays available in a production build (refused in a declared production). */
  PORTAL_DEMO: optionalString,
  /**
   * How many web instances the deployment runs (default 1). Only checked at start-up
   * (src/server/config/production-check.ts): more than one needs shared storage (S3_BUCKET or UPLOADTHING_TOKEN).
   */
  PORTAL_INSTANCES: portalInstancesSchema,
  /** "1": a local run of the production build (scripts/start.ts sets it), exempt from the production check. */
  PORTAL_LOCAL_RUN: optionalString,
  /**
   * How many reverse proxies in front of the portal append to X-Forwarded-For (src/server/http/client-ip.ts).
   * 0, the default: the TCP peer is the client and X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^\d{0,2}$/, "TRUST_PROXY is the number of trusted reverse-proxy hops: 0, 1, 2…")
    .transform((value) => (value === "" ? 0 : Number(value)))
    .default(0),

  // CAPTCHA (Yandex SmartCaptcha) once an IP, a phone or an email crosses a threshold; never without the key.
  SMARTCAPTCHA_SERVER_KEY: optionalString,
  SMARTCAPTCHA_BASE_URL: z.string().url().default("https://smartcaptcha.yandexcloud.net"),

  // SMS gateways: SMS.ru when SMS_RU_API_ID is set.
  SMS_RU_API_ID: optionalString,
  SMS_RU_BASE_URL: z.string().url().default("https://sms.ru"),
  SMS_RU_FROM: optionalString,

  // Email: Resend when RESEND_API_KEY is set; the development outbox otherwise.
  RESEND_API_KEY: optionalString,
  RESEND_FROM: optionalString,
  RESEND_BASE_URL: z.string().url().default("https://api.resend.com"),

  // Image storage: S3-compatible when S3_BUCKET is set, else UploadThing when UPLOADTHING_TOKEN is set, else
  // local disk under UPLOADS_DIR (default .data/uploads). README "Storage" has each provider's values.
  UPLOADS_DIR: optionalString,
  UPLOADTHING_TOKEN: optionalString,
  S3_BUCKET: optionalString,
  /** Unset: AWS itself. Yandex: https://storage.yandexcloud.net; Selectel: https://s3.ru-1.storage.selcloud.ru. */
  S3_ENDPOINT: z.string().trim().url("S3_ENDPOINT is a URL such as https://storage.yandexcloud.net").optional().or(z.literal("").transform(() => undefined)),
  S3_REGION: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** "1"/"true": bucket in the path (MinIO, most self-hosted servers); virtual-host style otherwise. */
  S3_FORCE_PATH_STYLE: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?:|0|1|true|false)$/, "S3_FORCE_PATH_STYLE is 1 or 0")
    .transform((value) => value === "1" || value === "true")
    .default(false),

  // Online receipt check (proverkacheka.com) when RECEIPT_CHECK_TOKEN is set; offline checks otherwise.
  RECEIPT_CHECK_TOKEN: optionalString,
  RECEIPT_CHECK_BASE_URL: z.string().url().default("https://proverkacheka.com"),

  // Pickup points: CDEK API v2 when both CDEK_CLIENT_* are set, Russian Post's office lookup when both
  // RUSSIAN_POST_* credentials are set; the bundled directory otherwise (per carrier).
  CDEK_CLIENT_ID: optionalString,
  CDEK_CLIENT_SECRET: optionalString,
  CDEK_BASE_URL: z.string().url().default("https://api.cdek.ru"),
  RUSSIAN_POST_ACCESS_TOKEN: optionalString,
  /** base64 of "login:password" (the X-User-Authorization header). */
  RUSSIAN_POST_LOGIN_KEY: optionalString,
  RUSSIAN_POST_BASE_URL: z.string().url().default("https://otpravka-api.pochta.ru"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) cached = envSchema.parse(process.env);
  return cached;
}

/** Lets tests change variables between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The development outbox page is for local work only: never in a real production deployment. */
export function isDevOutboxEnabled(): boolean {
  const { NODE_ENV, PORTAL_DEMO } = env();
  return NODE_ENV !== "production" || PORTAL_DEMO === "1";
}
