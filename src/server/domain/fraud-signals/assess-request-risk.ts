import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { type RiskSignal, RISK_SIGNALS, riskLevelOf } from "@/lib/rules/risk-signals";
import { db } from "@/server/db/client";
import { moscowDateSql } from "@/server/db/moscow-time-sql";
import { logger } from "@/server/observability/logger";
import { getVelocityLimit } from "@/server/settings/automation-settings";
import { type LinkedAccount, findLinkedAccounts } from "./find-linked-accounts";

/**
 * Re-assesses the risk level of every open request of the given shoppers (docs/rules/auto-moderation.md,
 * "Risk level"): the signals linking each shopper to other accounts, and velocity (the Moscow day's requests
 * of the shopper beyond the threshold). Rows whose level or reasons did not change are left alone. Returns
 * how many requests changed. `known`: links already looked up, by shopper.
 */
export async function reassessOpenRequestsOf(customerIds: readonly number[], known: ReadonlyMap<number, readonly LinkedAccount[]> = new Map()): Promise<number> {
  const customers = [...new Set(customerIds)];
  if (customers.length === 0) return 0;
  const velocityLimit = await getVelocityLimit();
  let changed = 0;
  for (const customerId of customers) {
    const linked = known.get(customerId) ?? (await findLinkedAccounts(customerId, { limit: null }));
    const shared = new Set<RiskSignal>(linked.flatMap((account) => account.signals));
    const open = await db.$queryRaw<{ id: number; risk_level: string; risk_reasons: string[] | null; day_requests: number }[]>(Prisma.sql`
      SELECT r.id, r.risk_level::text, r.risk_reasons,
             (SELECT count(*)::int FROM review_requests same_day
               WHERE same_day.customer_id = r.customer_id
                 AND ${moscowDateSql("same_day.filed_at")} = ${moscowDateSql("r.filed_at")}) AS day_requests
        FROM review_requests r
       WHERE r.customer_id = ${customerId} AND r.status IN ('PENDING', 'IN_REVIEW')`);
    for (const request of open) {
      const signals = RISK_SIGNALS.filter((signal) => (signal === "velocity" ? request.day_requests > velocityLimit : shared.has(signal)));
      const level = riskLevelOf(signals);
      if (level === request.risk_level && signals.join() === (request.risk_reasons ?? []).join()) continue;
      await db.reviewRequest.updateMany({ where: { id: request.id, status: { in: ["PENDING", "IN_REVIEW"] } }, data: { riskLevel: level, riskReasons: signals } });
      changed += 1;
    }
  }
  return changed;
}

/**
 * After something that can link accounts (a request filed, a sign-in, a prize order, a contact email):
 * re-assesses the shopper's open requests and those of every account now linked to them (and of those
 * linked before, when the change can take a link away). A failure is
 * logged and leaves the previous levels: the signal is advice, and what triggered it has already happened.
 */
export async function reassessRiskAround(customerId: number, options: { linkedBefore?: readonly number[] } = {}): Promise<void> {
  try {
    const linked = await findLinkedAccounts(customerId, { limit: null });
    // The shopper's own links are known already: not looked up a second time (this runs on every sign-in and filing).
    await reassessOpenRequestsOf([customerId, ...linked.map((account) => account.id), ...(options.linkedBefore ?? [])], new Map([[customerId, linked]]));
  } catch (error) {
    logger.warn({ err: error, customerId }, "risk re-assessment failed; the previous risk levels stay");
  }
}
