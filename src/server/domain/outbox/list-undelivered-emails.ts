import "server-only";
import { z } from "zod";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type AdminActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { MAX_EMAIL_ATTEMPTS } from "@/server/messaging/deliver-outbox-email";

export const UNDELIVERED_TABS = ["failed", "waiting"] as const;
export type UndeliveredTab = (typeof UNDELIVERED_TABS)[number];

export const undeliveredEmailsInput = z.object({ tab: z.enum(UNDELIVERED_TABS).catch("failed") });

/** Emails one tab lists; the page says when there are more. */
export const UNDELIVERED_PAGE_SIZE = 100;

/**
 * The administrators' view of email delivery: what failed (retrying, or given up after the last attempt and
 * waiting for "send again") and what is still waiting to go out, with counts. Read through the outbox's
 * (status, next_attempt_at) index: the sent majority is never scanned.
 */
export async function listUndeliveredEmails(actor: AdminActor, input: z.infer<typeof undeliveredEmailsInput>) {
  assertActorRole(actor, AREA_ROLES.admin);
  const [byStatus, gaveUp, rows] = await Promise.all([
    db.outboxMessage.groupBy({ by: ["status"], where: { channel: "EMAIL", status: { in: ["PENDING", "SENDING", "FAILED"] } }, _count: { _all: true } }),
    db.outboxMessage.count({ where: { channel: "EMAIL", status: "FAILED", nextAttemptAt: null } }),
    db.outboxMessage.findMany({
      where: { channel: "EMAIL", status: input.tab === "failed" ? "FAILED" : { in: ["PENDING", "SENDING"] } },
      // Failures newest first (what just broke); the waiting oldest first (what has waited longest).
      orderBy: input.tab === "failed" ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
      take: UNDELIVERED_PAGE_SIZE,
      select: { id: true, recipient: true, subject: true, template: true, status: true, provider: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true },
    }),
  ]);
  const count = new Map(byStatus.map((row) => [row.status, row._count._all]));
  return {
    counts: { failed: count.get("FAILED") ?? 0, waiting: (count.get("PENDING") ?? 0) + (count.get("SENDING") ?? 0) } satisfies Record<UndeliveredTab, number>,
    /** Failed for good: no attempt left, nothing more happens without an administrator. */
    gaveUp,
    maxAttempts: MAX_EMAIL_ATTEMPTS,
    // A FAILED row without a next attempt has given up; with one, the sweep retries it then.
    items: rows.map((row) => ({ ...row, gaveUp: row.status === "FAILED" && row.nextAttemptAt === null })),
    hasMore: rows.length === UNDELIVERED_PAGE_SIZE,
  };
}
