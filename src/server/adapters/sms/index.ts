import "server-only";
import { env } from "@/server/config/env";
import { OutboxSmsSender } from "./outbox-sms-sender";
import { SmsRuSender } from "./sms-ru-sender";
import type { SmsSender } from "./sms-sender";

export type { SmsSender } from "./sms-sender";

/** The configured SMS gateway: SMS.ru when SMS_RU_API_ID is set, else the development outbox. */
export function smsSender(): SmsSender {
  const config = env();
  if (config.SMS_RU_API_ID) {
    return new SmsRuSender({ apiId: config.SMS_RU_API_ID, baseUrl: config.SMS_RU_BASE_URL, from: config.SMS_RU_FROM });
  }
  return new OutboxSmsSender();
}
