import "server-only";
import { db } from "@/server/db/client";

export interface EmailOutboxCounts {
  pending: number;
  sending: number;
  /** Failed, with another attempt scheduled. */
  failedRetrying: number;
  /** Failed for good: waits for an administrator's "send again". */
  failedGaveUp: number;
}

/**
 * The email outbox's backlog by status, read through its (status, next_attempt_at) index like the
 * administrators' page (list-undelivered-emails.ts): the sent majority is never scanned, so sent emails are
 * not counted.
 */
export async function countEmailOutbox(): Promise<EmailOutboxCounts> {
  const [byStatus, gaveUp] = await Promise.all([
    db.outboxMessage.groupBy({ by: ["status"], where: { channel: "EMAIL", status: { in: ["PENDING", "SENDING", "FAILED"] } }, _count: { _all: true } }),
    db.outboxMessage.count({ where: { channel: "EMAIL", status: "FAILED", nextAttemptAt: null } }),
  ]);
  const count = new Map(byStatus.map((row) => [row.status, row._count._all]));
  return {
    pending: count.get("PENDING") ?? 0,
    sending: count.get("SENDING") ?? 0,
    failedRetrying: (count.get("FAILED") ?? 0) - gaveUp,
    failedGaveUp: gaveUp,
  };
}
