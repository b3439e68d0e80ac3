// The ledger check after bench:load, in SQL over the whole database: every balance equals the sum of its
// ledger (and its latest balance_after), no part, review or receipt credited twice, every approved part
// credited once, every order debited once, and no prize sold beyond its stock.
import type pg from "pg";

export interface CheckResult {
  label: string;
  bad: number;
  detail?: string;
}

export interface PrizeUnderTest {
  id: number;
  kind: "PHYSICAL" | "DIGITAL";
  initialStock: number;
}

export async function ledgerChecks(pool: pg.Pool, prizes: PrizeUnderTest[]): Promise<CheckResult[]> {
  const count = async (label: string, sql: string, params: unknown[] = []): Promise<CheckResult> => {
    const { rows } = await pool.query<{ n: string; sample: unknown }>(`SELECT count(*)::text AS n, (array_agg(row_to_json(q)))[1:3] AS sample FROM (${sql}) q`, params);
    const bad = Number(rows[0]!.n);
    return { label, bad, ...(bad ? { detail: JSON.stringify(rows[0]!.sample) } : {}) };
  };
  const results = [
    await count(
      "balance equals the sum of the ledger",
      `SELECT u.id, u.points_balance, coalesce(l.total, 0) AS ledger
         FROM users u LEFT JOIN (SELECT customer_id, sum(amount) AS total FROM ledger_entries GROUP BY customer_id) l ON l.customer_id = u.id
        WHERE u.points_balance <> coalesce(l.total, 0)`,
    ),
    await count(
      "balance equals the latest balance_after",
      `SELECT u.id FROM users u
         JOIN LATERAL (SELECT balance_after FROM ledger_entries WHERE customer_id = u.id ORDER BY id DESC LIMIT 1) last ON true
        WHERE last.balance_after <> u.points_balance`,
    ),
    await count("no negative balance", `SELECT id FROM users WHERE points_balance < 0`),
    await count(
      "no part credited twice",
      `SELECT part_id FROM ledger_entries WHERE kind IN ('REVIEW_APPROVED', 'RECEIPT_APPROVED') GROUP BY part_id HAVING count(*) > 1`,
    ),
    await count(
      "no review link credited twice",
      `SELECT r.review_url_key FROM ledger_entries le JOIN request_parts p ON p.id = le.part_id JOIN review_requests r ON r.id = p.request_id
        WHERE le.kind = 'REVIEW_APPROVED' GROUP BY r.review_url_key HAVING count(*) > 1`,
    ),
    await count(
      "no receipt (fn+i+fp) credited twice",
      `SELECT rc.fiscal_key FROM ledger_entries le JOIN receipts rc ON rc.part_id = le.part_id AND rc.fiscal_key IS NOT NULL
        WHERE le.kind = 'RECEIPT_APPROVED' GROUP BY rc.fiscal_key HAVING count(DISTINCT le.id) > 1`,
    ),
    await count(
      "every approved part credited, nothing else",
      `SELECT p.id FROM request_parts p
         LEFT JOIN ledger_entries le ON le.part_id = p.id AND le.kind IN ('REVIEW_APPROVED', 'RECEIPT_APPROVED')
        GROUP BY p.id, p.status HAVING (p.status = 'APPROVED') <> (count(le.id) = 1)`,
    ),
    await count(
      "every order debited once, for its price",
      `SELECT o.id FROM prize_orders o
         LEFT JOIN ledger_entries le ON le.order_id = o.id AND le.kind = 'PRIZE_ORDER'
        GROUP BY o.id, o.points_spent HAVING count(le.id) <> 1 OR sum(le.amount) <> -o.points_spent`,
    ),
    await count("no prize stock below zero", `SELECT id FROM prizes WHERE stock < 0`),
    await count("no digital code issued to two orders", `SELECT order_id FROM prize_codes WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(*) > 1`),
  ];
  for (const prize of prizes) {
    results.push(
      prize.kind === "PHYSICAL"
        ? await count(
            `prize ${prize.id} (physical, stock ${prize.initialStock}): orders + stock left = initial stock`,
            `SELECT p.id, p.stock, (SELECT count(*) FROM prize_orders o WHERE o.prize_id = p.id AND o.status <> 'CANCELLED') AS orders
               FROM prizes p WHERE p.id = $1 AND p.stock + (SELECT count(*) FROM prize_orders o WHERE o.prize_id = p.id AND o.status <> 'CANCELLED') <> $2`,
            [prize.id, prize.initialStock],
          )
        : await count(
            `prize ${prize.id} (digital, ${prize.initialStock} codes): one code per order, none beyond the codes`,
            `SELECT p.id FROM prizes p
              WHERE p.id = $1 AND (SELECT count(*) FROM prize_orders o WHERE o.prize_id = p.id AND o.status <> 'CANCELLED')
                               <> (SELECT count(*) FROM prize_codes c WHERE c.prize_id = p.id AND c.order_id IS NOT NULL)`,
            [prize.id],
          ),
    );
  }
  return results;
}
