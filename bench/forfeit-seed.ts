// Seeds the bench:forfeit database: 1,000,000 shoppers with their ledgers, set-based (one INSERT … SELECT
// per table from a per-shopper plan), so it takes a minute or two rather than hours. Shapes follow a
// programme two years in, still growing (more recent shoppers than old ones):
//   - 5 % registered and never earned anything (no ledger, no clock);
//   - the rest earned 1–3 credits (500, +100, +500), the first one up to two years before the run;
//   - 40 % ordered a prize after their credits (the clock is the order), a quarter of them spending
//     everything (balance 0, an old clock, nothing to forfeit);
//   - 40 % gave an email for notifications.
// About a third of the shoppers are due at the run's instant (the bench prints the exact share). Ids are
// the plan's numbers, so the plan, the users, their orders and their ledgers join without lookups.
import { seedOnce } from "./lib.ts";

const SEED_MARKER = "bench.forfeit.seededAt";

export interface ForfeitSeedShape {
  shoppers: number;
  /** The instant the timed run forfeits at; the ledgers are laid out backwards from it. */
  at: Date;
}

/** The run's instant: a nightly run at 03:00 Moscow time, two years into the programme. */
export const DEFAULT_AT = new Date("2027-11-16T03:00:00+03:00");

export function shapeFromEnv(env: NodeJS.ProcessEnv = process.env): ForfeitSeedShape {
  return { shoppers: env.BENCH_FORFEIT_SHOPPERS ? Number(env.BENCH_FORFEIT_SHOPPERS) : 1_000_000, at: DEFAULT_AT };
}

/** Seeds once; a database seeded before (the marker says so, with its shape) is reused as it is. */
export async function seedForfeitBench(databaseUrl: string, shape: ForfeitSeedShape, log: (line: string) => void): Promise<void> {
  const markerValue = { shoppers: shape.shoppers, at: shape.at.toISOString() };
  await seedOnce(databaseUrl, {
    marker: SEED_MARKER,
    markerValue,
    log,
    onExisting: (value) => {
      const seeded = value as typeof markerValue;
      if (seeded.shoppers !== markerValue.shoppers || seeded.at !== markerValue.at) {
        throw new Error(`the bench database holds another shape (${JSON.stringify(seeded)}): drop it (or its data directory) and run again`);
      }
    },
    seed: async (step, client) => {
      const existing = await client.query<{ count: string }>(`SELECT count(*) FROM users`);
      if (Number(existing.rows[0]!.count) > 0) throw new Error("the bench database has users but no seed marker: drop it and run again");
      const at = shape.at.toISOString().slice(0, 23);
      log(`Seeding ${shape.shoppers.toLocaleString("en")} shoppers with their ledgers (run at ${shape.at.toISOString()})…`);
      // Per shopper g: a1 = age of the first credit in days (730·u², so recent shoppers outnumber old ones),
      // the credits at a1, 0.9·a1 and 0.8·a1 days before the run, and an order after the last credit.
      // hashint4 gives repeatable uniforms, so every seed of a shape is the same data.
      await step(
        "plan",
        `CREATE TEMP TABLE plan ON COMMIT DROP AS
         SELECT g, idle, credits, orderer, total, price, a1,
                date_trunc('milliseconds', $2::timestamp - a1 * interval '1 day') AS first_at,
                CASE WHEN orderer THEN date_trunc('milliseconds', $2::timestamp - a1 * 0.8 * u2 * interval '1 day') END AS ordered_at
           FROM (SELECT g,
                        g % 20 = 19 AS idle,
                        1 + g % 3 AS credits,
                        g % 5 IN (0, 1) AS orderer,
                        CASE g % 3 WHEN 0 THEN 500 WHEN 1 THEN 600 ELSE 1100 END AS total,
                        CASE WHEN g % 20 IN (0, 1) THEN CASE g % 3 WHEN 0 THEN 500 WHEN 1 THEN 600 ELSE 1100 END ELSE 300 END AS price,
                        0.01 + 730 * power((hashint4(g * 16 + 1)::bigint & 2147483647) / 2147483648.0, 2) AS a1,
                        0.02 + 0.98 * (hashint4(g * 16 + 2)::bigint & 2147483647) / 2147483648.0 AS u2
                   FROM generate_series(1, $1::int) g) s`,
        [shape.shoppers, at],
      );
      await step(
        "prizes",
        `INSERT INTO prizes (id, title, kind, points_price, stock, updated_at)
         VALUES (1, 'Промокод −20%', 'DIGITAL', 300, 0, now()), (2, 'Косметичка', 'PHYSICAL', 500, 1000000, now()),
                (3, 'Набор миниатюр', 'PHYSICAL', 600, 1000000, now()), (4, 'Сыворотка', 'PHYSICAL', 1100, 1000000, now())`,
      );
      await step(
        "shoppers",
        `INSERT INTO users (id, role, phone, name, contact_email, consent_at, consent_version, points_balance, inactivity_clock_from, created_at, updated_at)
         SELECT g, 'CUSTOMER', '+7903' || lpad(g::text, 7, '0'), 'Участник ' || g,
                CASE WHEN g % 5 IN (1, 3) THEN 'shopper' || g || '@bench.example' END,
                first_at - interval '1 day', '2026-11',
                CASE WHEN idle THEN 0 WHEN orderer THEN total - price ELSE total END,
                CASE WHEN idle THEN NULL WHEN orderer THEN ordered_at ELSE first_at END,
                first_at - interval '1 day', coalesce(ordered_at, first_at)
           FROM plan ORDER BY g`,
      );
      await step(
        "prize orders",
        `INSERT INTO prize_orders (id, customer_id, prize_id, status, points_spent, carrier, pickup_point_code, pickup_point_address, recipient_name,
                                   recipient_phone, tracking_number, processing_due_at, shipping_due_at, approved_at, shipped_at, delivered_at,
                                   idempotency_key, created_at, updated_at)
         SELECT g, g, CASE price WHEN 300 THEN 1 WHEN 500 THEN 2 WHEN 600 THEN 3 ELSE 4 END, 'DELIVERED', price,
                'CDEK', 'MSK' || (g % 500), 'Москва, ул. Тверская, ' || (1 + g % 40), 'Участник ' || g, '+7903' || lpad(g::text, 7, '0'), '10' || lpad(g::text, 8, '0'),
                ordered_at + interval '7 days', ordered_at + interval '30 days', ordered_at + interval '1 day', ordered_at + interval '3 days', ordered_at + interval '9 days',
                'bench-order-' || g, ordered_at, ordered_at + interval '9 days'
           FROM plan WHERE orderer AND NOT idle ORDER BY g`,
      );
      await step(
        "credits",
        `INSERT INTO ledger_entries (customer_id, kind, amount, balance_after, reason, idempotency_key, created_at)
         SELECT p.g, CASE WHEN j = 1 THEN 'RECEIPT_APPROVED' ELSE 'REVIEW_APPROVED' END::"LedgerEntryKind",
                CASE WHEN j = 1 THEN 100 ELSE 500 END, CASE j WHEN 0 THEN 500 WHEN 1 THEN 600 ELSE 1100 END,
                CASE WHEN j = 1 THEN 'Чек одобрен' ELSE 'Отзыв одобрен' END, 'bench:' || p.g || ':credit:' || j,
                date_trunc('milliseconds', p.first_at + p.a1 * 0.1 * j * interval '1 day')
           FROM plan p CROSS JOIN LATERAL generate_series(0, p.credits - 1) j
          WHERE NOT p.idle
          ORDER BY p.first_at, p.g, j`,
      );
      await step(
        "prize order debits",
        `INSERT INTO ledger_entries (customer_id, kind, amount, balance_after, reason, order_id, idempotency_key, created_at)
         SELECT g, 'PRIZE_ORDER', -price, total - price, 'Заказ №' || g, g, 'order:' || g || ':placed', ordered_at
           FROM plan WHERE orderer AND NOT idle ORDER BY ordered_at`,
      );
      await client.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
      await client.query(`SELECT setval(pg_get_serial_sequence('prize_orders', 'id'), (SELECT max(id) FROM prize_orders))`);
      await client.query(`SELECT setval(pg_get_serial_sequence('prizes', 'id'), 4)`);
    },
  });
}
