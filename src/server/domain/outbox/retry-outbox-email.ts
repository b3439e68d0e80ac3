import "server-only";
import { z } from "zod";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const retryOutboxEmailInput = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * "Отправить снова": puts a failed email back in the queue with a fresh set of attempts, due now (the
 * caller tries it at once; the outbox sweep otherwise within a minute). The provider gets the same
 * idempotency key as before, so an email that did go out despite the error is not sent twice while the
 * provider remembers the key (Resend: 24 hours). Audited with the attempts and error it had.
 * Retrying an email already back in the queue changes nothing.
 */
export async function retryOutboxEmail(actor: AdminActor, input: z.infer<typeof retryOutboxEmailInput>): Promise<{ queued: boolean }> {
  assertActorRole(actor, AREA_ROLES.admin);
  const at = now();
  return db.$transaction(async (tx) => {
    const row = await tx.outboxMessage.findUnique({ where: { id: input.id }, select: { channel: true, status: true, attempts: true, lastError: true } });
    if (!row || row.channel !== "EMAIL") throw new AppError("NOT_FOUND", "Письмо не найдено — обновите страницу.");
    // Conditional: of two clicks (or two administrators) one resets the row and writes the audit entry.
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: input.id, channel: "EMAIL", status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: null },
    });
    if (count === 0) {
      if (row.status === "SENT") throw new AppError("CONFLICT", "Письмо уже отправлено — повторять не нужно.");
      return { queued: false };
    }
    await writeAuditEntry(tx, {
      actorId: actor.id,
      action: "outbox-email.retry",
      entityType: "OutboxMessage",
      entityId: input.id,
      data: { attempts: row.attempts, lastError: row.lastError },
      at,
    });
    return { queued: true };
  });
}
