// Seeds the bench:queue database: 1,000,000 requests from 200,000 shoppers, set-based (one INSERT … SELECT
// per table), so it takes minutes rather than hours. Shapes follow the portal's steady state: a year of
// requests, most decided; the last days' requests open (some overdue, some claimed); 60 % with a receipt;
// images, receipts, decisions, ledger entries and a few duplicate flags, so every table the queue and the
// decision page read has production-like size.
import { hash } from "@node-rs/argon2";
import { type DatabaseHandle, ensureDatabase } from "../scripts/lib/database.ts";
import { seedOnce } from "./lib.ts";

/**
 * The bench:queue data set's database, shared by bench:queue, bench:figures and bench/metrics.ts:
 * BENCH_DATABASE_URL, else an embedded PostgreSQL in .data/bench-postgres.
 */
export function openQueueBenchDatabase(log: (line: string) => void): Promise<DatabaseHandle> {
  return ensureDatabase({
    externalUrl: process.env.BENCH_DATABASE_URL ?? "",
    dataDirName: "bench-postgres",
    port: Number(process.env.BENCH_PG_PORT ?? 54359),
    database: "bench_queue",
    log,
  });
}

export const BENCH_MODERATOR = { email: "bench-moderator@carely.bench", password: "bench-moderator-2026" };
const SEED_MARKER = "bench.queue.seededAt";

export interface QueueSeedShape {
  requests: number;
  shoppers: number;
  /** How many of the newest requests still wait for a decision. */
  openRequests: number;
}

export const DEFAULT_SHAPE: QueueSeedShape = { requests: 1_000_000, shoppers: 200_000, openRequests: 40_000 };

/** The default shape, or a smaller one from BENCH_QUEUE_REQUESTS / _SHOPPERS / _OPEN (for a quick try). */
export function shapeFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSeedShape {
  const read = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    requests: read("BENCH_QUEUE_REQUESTS", DEFAULT_SHAPE.requests),
    shoppers: read("BENCH_QUEUE_SHOPPERS", DEFAULT_SHAPE.shoppers),
    openRequests: read("BENCH_QUEUE_OPEN", DEFAULT_SHAPE.openRequests),
  };
}

export async function seedQueueBench(databaseUrl: string, shape: QueueSeedShape, log: (line: string) => void): Promise<void> {
  await seedOnce(databaseUrl, {
    marker: SEED_MARKER,
    log,
    seed: async (step, client) => {
      const existing = await client.query<{ count: string }>(`SELECT count(*) FROM review_requests`);
      if (Number(existing.rows[0]!.count) > 0) throw new Error("the bench database has requests but no seed marker: drop it and run again");
      const { requests: R, shoppers: S, openRequests: OPEN } = shape;
      const firstOpen = R - OPEN + 1;
      log(`Seeding ${R.toLocaleString("en")} requests from ${S.toLocaleString("en")} shoppers (${OPEN.toLocaleString("en")} open)…`);
      const passwordHash = await hash(BENCH_MODERATOR.password);
      await step(
        "staff",
        `INSERT INTO users (role, email, name, password_hash, updated_at)
         VALUES ('MODERATOR', $1, 'Бенч Модератор', $2, now()), ('MODERATOR', 'bench-moderator-2@carely.bench', 'Вторая Модератор', $2, now())`,
        [BENCH_MODERATOR.email, passwordHash],
      );
      await step(
        "products",
        `INSERT INTO products (name, sku, description, is_active, sort_order, updated_at)
         SELECT 'Продукт ' || g, 'BENCH-' || g, 'Продукт для нагрузочного теста.', true, g, now() FROM generate_series(1, 12) g`,
      );
      await step(
        "shoppers",
        `INSERT INTO users (role, phone, name, consent_at, consent_version, created_at, updated_at)
         SELECT 'CUSTOMER', '+7901' || lpad(g::text, 7, '0'), 'Участник ' || g, now() - interval '400 days', '2026-11',
                now() - interval '400 days' + (g * interval '1 minute'), now()
           FROM generate_series(1, $1::int) g`,
        [S],
      );
      // Request g: filed over the past year in id order (the newest OPEN still open), by shopper g mod S.
      // Open requests are due 7 calendar days after filing (5 business days, weekends only: bench data).
      await step(
        "requests",
        `INSERT INTO review_requests (customer_id, product_id, status, platform, review_url, review_url_key, credited_review_key,
                                      filed_at, due_at, decided_at, created_at, updated_at)
         SELECT c.id, p.id,
                CASE WHEN g >= $2 THEN (CASE WHEN g % 10 = 0 THEN 'IN_REVIEW' ELSE 'PENDING' END)::"RequestStatus"
                     WHEN g % 10 < 7 THEN 'APPROVED'::"RequestStatus"
                     WHEN g % 10 = 7 THEN 'PARTIALLY_APPROVED'::"RequestStatus"
                     ELSE 'REJECTED'::"RequestStatus" END,
                'IRECOMMEND', 'https://irecommend.ru/content/bench-review-' || g, 'irecommend.ru/content/bench-review-' || g,
                CASE WHEN g < $2 AND g % 10 < 8 THEN 'irecommend.ru/content/bench-review-' || g END,
                f.filed_at, f.filed_at + interval '7 days',
                CASE WHEN g < $2 THEN f.filed_at + interval '2 days' END, f.filed_at, f.filed_at
           FROM generate_series(1, $1::int) g
           CROSS JOIN LATERAL (SELECT now() - interval '365 days' * (($1::int - g)::float8 / $1::int) AS filed_at) f
           JOIN users c ON c.phone = '+7901' || lpad((1 + g % $3::int)::text, 7, '0')
           JOIN products p ON p.sku = 'BENCH-' || (1 + g % 12)`,
        [R, firstOpen, S],
      );
      await step(
        "review parts",
        `INSERT INTO request_parts (request_id, kind, status, attempt, submitted_at, points, comment, decided_at, decided_by_id)
         SELECT r.id, 'REVIEW',
                CASE WHEN r.status IN ('PENDING', 'IN_REVIEW') THEN 'PENDING'::"PartStatus"
                     WHEN r.status = 'REJECTED' THEN 'REJECTED'::"PartStatus" ELSE 'APPROVED'::"PartStatus" END,
                1, r.filed_at,
                CASE WHEN r.status IN ('APPROVED', 'PARTIALLY_APPROVED') THEN 500 END,
                CASE WHEN r.status = 'REJECTED' THEN 'Фото нечитаемо' END,
                r.decided_at, CASE WHEN r.decided_at IS NOT NULL THEN (SELECT min(id) FROM users WHERE role = 'MODERATOR') END
           FROM review_requests r`,
      );
      // 60 % carry a receipt; an IN_REVIEW request has its receipt decided and its review pending.
      await step(
        "receipt parts",
        `INSERT INTO request_parts (request_id, kind, status, attempt, submitted_at, points, comment, decided_at, decided_by_id)
         SELECT r.id, 'RECEIPT',
                CASE WHEN r.status = 'PENDING' THEN 'PENDING'::"PartStatus"
                     WHEN r.status IN ('APPROVED', 'IN_REVIEW') THEN 'APPROVED'::"PartStatus" ELSE 'REJECTED'::"PartStatus" END,
                1, r.filed_at,
                CASE WHEN r.status IN ('APPROVED', 'IN_REVIEW') THEN 100 END,
                CASE WHEN r.status IN ('PARTIALLY_APPROVED', 'REJECTED') THEN 'QR-код чека не подтверждает покупку' END,
                CASE WHEN r.status <> 'PENDING' THEN r.filed_at + interval '1 day' END,
                CASE WHEN r.status <> 'PENDING' THEN (SELECT min(id) FROM users WHERE role = 'MODERATOR') END
           FROM review_requests r
          WHERE r.id % 10 < 6 OR r.status = 'IN_REVIEW'`,
      );
      await step(
        "screenshots",
        `INSERT INTO images (id, kind, owner_id, part_id, attempt, position, storage_key, thumb_key, mime_type, width, height, bytes, sha256, perceptual_hash, created_at)
         SELECT gen_random_uuid(), 'REVIEW_SCREENSHOT', r.customer_id, p.id, 1, pos, 'bench/' || p.id || '-' || pos || '.webp', 'bench/' || p.id || '-' || pos || '-thumb.webp',
                'image/webp', 1080, 2340, 180000, md5(p.id || '-' || pos) || md5(pos || '-' || p.id), (p.id::bigint * 2654435761 + pos) % 9223372036854775807, p.submitted_at
           FROM request_parts p JOIN review_requests r ON r.id = p.request_id
           CROSS JOIN generate_series(0, 1) pos
          WHERE p.kind = 'REVIEW'`,
      );
      await step(
        "receipt photos",
        `INSERT INTO images (id, kind, owner_id, part_id, attempt, position, storage_key, thumb_key, mime_type, width, height, bytes, sha256, qr_text, qr_decoded_at, created_at)
         SELECT gen_random_uuid(), 'RECEIPT_PHOTO', r.customer_id, p.id, 1, 0, 'bench/' || p.id || '-r.webp', 'bench/' || p.id || '-r-thumb.webp',
                'image/webp', 1600, 1200, 240000, md5('r' || p.id) || md5(p.id || 'r'),
                't=20261101T1230&s=' || (100 + p.id % 5000) || '.00&fn=92890000' || lpad(p.id::text, 8, '0') || '&i=' || p.id || '&fp=' || (1000000 + p.id) || '&n=1',
                p.submitted_at, p.submitted_at
           FROM request_parts p JOIN review_requests r ON r.id = p.request_id
          WHERE p.kind = 'RECEIPT'`,
      );
      await step(
        "receipts",
        `INSERT INTO receipts (part_id, image_id, attempt, qr_text, fiscal_drive_number, fiscal_document_number, fiscal_sign, operation_type,
                               purchased_at, total_kopecks, fiscal_key, credited_fiscal_key, check_status, created_at)
         SELECT p.id, i.id, 1, i.qr_text, '92890000' || lpad(p.id::text, 8, '0'), p.id::text, (1000000 + p.id)::text, 1,
                p.submitted_at - interval '3 days', (100 + p.id % 5000) * 100,
                '92890000' || lpad(p.id::text, 8, '0') || '|' || p.id || '|' || (1000000 + p.id),
                CASE WHEN p.status = 'APPROVED' THEN '92890000' || lpad(p.id::text, 8, '0') || '|' || p.id || '|' || (1000000 + p.id) END,
                CASE WHEN p.id % 25 = 0 THEN 'NOT_FOUND'::"ReceiptCheckStatus" ELSE 'NOT_CHECKED'::"ReceiptCheckStatus" END, p.submitted_at
           FROM request_parts p JOIN images i ON i.part_id = p.id AND i.kind = 'RECEIPT_PHOTO'
          WHERE p.kind = 'RECEIPT'`,
      );
      await step(
        "decisions",
        `INSERT INTO part_decisions (part_id, attempt, status, comment, decided_by_id, decided_at)
         SELECT id, attempt, status, comment, decided_by_id, decided_at FROM request_parts WHERE status <> 'PENDING'`,
      );
      // Across the second half of history, one request in 25 repeats an earlier one's screenshot and one
      // in 40 its receipt (about 30,000 flags, 2,400 of them on open requests).
      await step(
        "duplicate flags",
        `INSERT INTO duplicate_flags (request_id, kind, matched_request_id, distance, created_at)
         SELECT r.id, CASE WHEN r.id % 25 = 0 THEN 'SCREENSHOT'::"DuplicateKind" ELSE 'RECEIPT'::"DuplicateKind" END,
                r.id - $1::int / 2, CASE WHEN r.id % 25 = 0 THEN 3 END, r.filed_at
           FROM review_requests r WHERE r.id > $1::int / 2 AND (r.id % 25 = 0 OR r.id % 40 = 0)`,
        [R],
      );
      await step(
        "queue columns",
        `UPDATE review_requests r
            SET has_duplicate_screenshot = f.kind = 'SCREENSHOT', has_duplicate_receipt = f.kind = 'RECEIPT'
           FROM duplicate_flags f WHERE f.request_id = r.id`,
      );
      await step(
        "failed receipt checks",
        `UPDATE review_requests r SET receipt_check_failed = true
           FROM request_parts p JOIN receipts c ON c.part_id = p.id
          WHERE p.request_id = r.id AND c.check_status = 'NOT_FOUND'`,
      );
      await step(
        "ledger",
        `INSERT INTO ledger_entries (customer_id, kind, amount, balance_after, reason, part_id, created_by_id, idempotency_key, created_at)
         SELECT r.customer_id, CASE WHEN p.kind = 'REVIEW' THEN 'REVIEW_APPROVED'::"LedgerEntryKind" ELSE 'RECEIPT_APPROVED'::"LedgerEntryKind" END,
                p.points,
                sum(p.points) OVER (PARTITION BY r.customer_id ORDER BY p.decided_at, p.id),
                'Заявка №' || r.id || CASE WHEN p.kind = 'REVIEW' THEN ': отзыв одобрен' ELSE ': чек одобрен' END,
                p.id, p.decided_by_id, 'part:' || p.id || ':approved', p.decided_at
           FROM request_parts p JOIN review_requests r ON r.id = p.request_id
          WHERE p.status = 'APPROVED'`,
      );
      await step(
        "balances",
        `UPDATE users u SET points_balance = s.total, inactivity_clock_from = s.first_at
           FROM (SELECT customer_id, sum(amount) AS total, min(created_at) AS first_at FROM ledger_entries GROUP BY customer_id) s
          WHERE s.customer_id = u.id`,
      );
      await step(
        "templates",
        `INSERT INTO rejection_templates (part_kind, title, text, sort_order, updated_at) VALUES
           (NULL, 'Фото нечитаемо', 'Фото нечитаемо: сделайте снимок при хорошем освещении, чтобы текст был чётким.', 0, now()),
           ('RECEIPT', 'Чек не подтверждает покупку', 'QR-код чека не подтверждает реальную покупку.', 1, now())`,
      );
    },
  });
}
