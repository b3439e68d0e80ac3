import "server-only";
import type { Tx } from "@/server/db/client";

/**
 * Puts an email into the outbox inside the caller's transaction, so it exists exactly when the change it
 * reports was committed. Delivery happens after the commit (deliver-outbox-email). A message whose
 * dedupe key is already there is not queued again: null then.
 */
export async function queueEmail(
  tx: Tx,
  email: { to: string; subject: string; html: string; text: string; template: string; dedupeKey: string },
): Promise<number | null> {
  // ON CONFLICT DO NOTHING: a duplicate must never fail (and so roll back) the caller's transaction.
  const [row] = await tx.outboxMessage.createManyAndReturn({
    data: [{ channel: "EMAIL", status: "PENDING", recipient: email.to, subject: email.subject, html: email.html, text: email.text, template: email.template, dedupeKey: email.dedupeKey }],
    skipDuplicates: true,
    select: { id: true },
  });
  return row?.id ?? null;
}
