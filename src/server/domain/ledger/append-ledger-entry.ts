import "server-only";
import type { LedgerEntryKind } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";

export interface LedgerEntryInput {
  customerId: number;
  kind: LedgerEntryKind;
  /** Signed points; never zero. */
  amount: number;
  /** What the entry is for; unique, so a retried or concurrent write can never add it twice. */
  idempotencyKey: string;
  reason?: string;
  partId?: number;
  orderId?: number;
  createdById?: number;
  at: Date;
}

/**
 * The forfeiture clock (docs/rules/forfeiture.md; run-forfeiture.ts): a prize order sets it to the order's time;
 * points credited onto an empty balance start it (first points, points after a forfeiture, which stops it,
 * or points after a prize order that spent everything). The last case is why the empty balance counts and
 * not only a stopped clock: a shopper who spent everything on a prize a year ago and earns points today
 * would otherwise lose them at the next nightly run, with no warning; while the balance is empty there is
 * nothing to forfeit, so the period runs from when there is again.
 *
 * The only way a balance changes: one conditional UPDATE of the cached balance (refused by its own
 * WHERE when the result would go below zero, and by a CHECK constraint as a last line of defence)
 * plus one append-only ledger row, in the caller's transaction. Returns null when an entry with the
 * same idempotency key already exists (the caller's transaction should then change nothing else).
 */
export async function appendLedgerEntry(tx: Tx, entry: LedgerEntryInput): Promise<{ id: number; balanceAfter: number } | null> {
  if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) throw new Error(`invalid ledger amount ${entry.amount}`);
  const existing = await tx.ledgerEntry.findUnique({ where: { idempotencyKey: entry.idempotencyKey }, select: { id: true } });
  if (existing) return null;

  const [updated] = await tx.$queryRaw<{ points_balance: number }[]>`
    UPDATE users
       SET points_balance = points_balance + ${entry.amount},
           inactivity_clock_from = CASE
             WHEN ${entry.kind}::text = 'PRIZE_ORDER' THEN ${entry.at}
             WHEN ${entry.amount} > 0 AND (inactivity_clock_from IS NULL OR points_balance = 0) THEN ${entry.at}
             ELSE inactivity_clock_from END,
           updated_at = ${entry.at}
     WHERE id = ${entry.customerId} AND points_balance + ${entry.amount} >= 0
     RETURNING points_balance`;
  if (!updated) throw new AppError("CONFLICT", "Недостаточно баллов.");

  // The unique idempotency key settles a race between two writers that both passed the check above:
  // the loser's insert fails and its whole transaction (balance update included) rolls back.
  const created = await tx.ledgerEntry.create({
    data: {
      customerId: entry.customerId,
      kind: entry.kind,
      amount: entry.amount,
      balanceAfter: updated.points_balance,
      idempotencyKey: entry.idempotencyKey,
      reason: entry.reason,
      partId: entry.partId,
      orderId: entry.orderId,
      createdById: entry.createdById,
      createdAt: entry.at,
    },
    select: { id: true, balanceAfter: true },
  });
  return created;
}
