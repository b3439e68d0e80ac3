import { db } from "../../src/server/db/client.ts";

/** The last sign-in code the development outbox received for a phone. */
export async function lastSmsCode(phone: string): Promise<string> {
  const message = await db.outboxMessage.findFirst({ where: { channel: "SMS", recipient: phone }, orderBy: { id: "desc" } });
  const code = message?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no sign-in code in the outbox for ${phone}`);
  return code;
}
