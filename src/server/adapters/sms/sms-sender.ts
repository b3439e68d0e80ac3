import "server-only";

/** Sends one SMS. Implementations: the development outbox, SMS.ru. */
export interface SmsSender {
  /** Stored in the outbox row: "outbox" for the local one, else the provider's name. */
  readonly name: string;
  send(message: { to: string; text: string }): Promise<{ providerMessageId?: string }>;
}
