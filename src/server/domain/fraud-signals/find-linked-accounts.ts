import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { type RiskSignal, readRiskSignals } from "@/lib/rules/risk-signals";
import { db } from "@/server/db/client";
import type { Tx } from "@/server/db/client";

export interface LinkedAccount {
  id: number;
  phone: string | null;
  /** All requests the account has filed, decided or not. */
  requests: number;
  /** What links it to the shopper, in RISK_SIGNALS order. */
  signals: RiskSignal[];
}

/** Enough to judge a ring; the count of links beyond it is not what the moderator acts on. */
const LINKED_ACCOUNTS_SHOWN = 20;

/**
 * Other accounts linked to the shopper (docs/rules/auto-moderation.md, "Fraud signals"): signed in from the
 * same browser (sign_in_trust DEVICE marks, kept 12 months), prize orders to the same recipient phone or the
 * same name at the same pickup point, the same contact email, or screenshots one filed that nearly repeat
 * the other's (duplicate_flags SCREENSHOT, either way). Each link reads an index; nothing here decides.
 * `limit`: how many the moderator is shown (by id); null for all, as the risk level needs every link.
 */
export async function findLinkedAccounts(
  customerId: number,
  { limit = LINKED_ACCOUNTS_SHOWN, client = db }: { limit?: number | null; client?: Pick<Tx, "$queryRaw"> } = {},
): Promise<LinkedAccount[]> {
  const rows = await client.$queryRaw<{ id: number; phone: string | null; requests: number; signals: string[] }[]>(Prisma.sql`
    WITH links (user_id, signal) AS (
      SELECT other.user_id, 'shared-device'
        FROM sign_in_trust mine
        JOIN sign_in_trust other ON other.kind = 'DEVICE' AND other.value = mine.value AND other.user_id <> mine.user_id
       WHERE mine.user_id = ${customerId} AND mine.kind = 'DEVICE'
      UNION
      SELECT theirs.customer_id, 'shared-recipient-phone'
        FROM prize_orders mine
        JOIN prize_orders theirs ON theirs.recipient_phone = mine.recipient_phone AND theirs.customer_id <> mine.customer_id
       WHERE mine.customer_id = ${customerId} AND mine.recipient_phone IS NOT NULL
      UNION
      SELECT theirs.customer_id, 'shared-recipient-point'
        FROM prize_orders mine
        JOIN prize_orders theirs ON theirs.pickup_point_code = mine.pickup_point_code AND theirs.recipient_name = mine.recipient_name
                                AND theirs.carrier IS NOT DISTINCT FROM mine.carrier AND theirs.customer_id <> mine.customer_id
       WHERE mine.customer_id = ${customerId} AND mine.pickup_point_code IS NOT NULL AND mine.recipient_name IS NOT NULL
      UNION
      SELECT other.id, 'shared-contact-email'
        FROM users me
        JOIN users other ON other.contact_email = me.contact_email AND other.id <> me.id
       WHERE me.id = ${customerId} AND me.contact_email IS NOT NULL
      UNION
      SELECT matched.customer_id, 'shared-screenshot'
        FROM review_requests mine
        JOIN duplicate_flags flag ON flag.request_id = mine.id AND flag.kind = 'SCREENSHOT'
        JOIN review_requests matched ON matched.id = flag.matched_request_id AND matched.customer_id <> mine.customer_id
       WHERE mine.customer_id = ${customerId}
      UNION
      SELECT flagged.customer_id, 'shared-screenshot'
        FROM review_requests mine
        JOIN duplicate_flags flag ON flag.matched_request_id = mine.id AND flag.kind = 'SCREENSHOT'
        JOIN review_requests flagged ON flagged.id = flag.request_id AND flagged.customer_id <> mine.customer_id
       WHERE mine.customer_id = ${customerId}
    ), accounts AS (
      -- Shoppers only: a staff member testing in their work browser links no shopper to anyone.
      SELECT links.user_id, array_agg(DISTINCT links.signal) AS signals
        FROM links JOIN users linked ON linked.id = links.user_id AND linked.role = 'CUSTOMER'
       GROUP BY links.user_id ORDER BY links.user_id ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}
    )
    SELECT a.user_id AS id, u.phone, a.signals,
           (SELECT count(*)::int FROM review_requests r WHERE r.customer_id = a.user_id) AS requests
      FROM accounts a
      JOIN users u ON u.id = a.user_id
     ORDER BY a.user_id`);
  return rows.map((row) => ({ id: row.id, phone: row.phone, requests: row.requests, signals: readRiskSignals(row.signals) }));
}
