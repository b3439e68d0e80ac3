import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { utcTimestampSql as utc } from "@/server/db/moscow-time-sql";
import { pluralRu } from "@/lib/plural-ru";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { dueClockBound } from "./forfeiture-date";
import { clockIsoSql, forfeitAtSql } from "./forfeiture-sql";
import { logger } from "@/server/observability/logger";

/**
 * Users per batch, by id range. Each batch is one statement in its own short transaction: row locks last
 * one batch (a shopper ordering a prize waits a fraction of a second at worst), memory stays flat whatever
 * the number of shoppers, and a run that dies part-way leaves whole batches done and the rest untouched, so
 * the next run simply finds the rest still due.
 */
const IDS_PER_BATCH = 20_000;

/** Two runs at once (a retried job beside a slow one) take turns batch by batch rather than fight over rows. */
const RUN_LOCK = "forfeiture:run";

export interface ForfeitureOutcome {
  /** Shoppers whose balance was written off. */
  shoppers: number;
  /** Points written off in all. */
  points: number;
}

interface BatchRow {
  due: number;
  written: number;
  shoppers: number;
  points: bigint;
  emptied: boolean;
}

/**
 * The daily forfeiture (docs/rules/forfeiture.md): every shopper whose inactivity clock plus the programme's
 * forfeiture months (forfeiture-date.ts) is at or before `at` and who still holds points loses the whole
 * balance in one FORFEITURE ledger entry, and the clock stops (NULL): the next points credited start it
 * again (appendLedgerEntry), so the next forfeiture can come no sooner than that many months after them.
 * A shopper with no points has nothing to lose and is left alone, whatever their clock says.
 *
 * Set-based: one statement per batch of users picks the due shoppers, locks them, appends their entries
 * and zeroes their balances. Idempotent: the entry's key is `forfeit:<user>:<clock>` (unique), and the
 * statement re-checks the balance and the clock under the row lock, so a repeated run, a run resumed after a
 * crash, or two runs at once forfeit each clock period once. `idsPerBatch` is for tests.
 */
export async function runForfeiture({ at, idsPerBatch = IDS_PER_BATCH }: { at: Date; idsPerBatch?: number }): Promise<ForfeitureOutcome> {
  if (!Number.isInteger(idsPerBatch) || idsPerBatch < 1) throw new RangeError(`idsPerBatch must be a positive integer, got ${idsPerBatch}`);
  const { forfeitureMonths: months } = await getProgrammeSettings();
  const reason = `${months} ${pluralRu(months, ["месяц", "месяца", "месяцев"])} без заказа приза`;
  // Users created during the run are not due (their clocks are new), so the range fixed now covers everyone.
  const [range] = await db.$queryRaw<{ first: number | null; last: number | null }[]>`SELECT min(id) AS first, max(id) AS last FROM users`;
  if (range?.first == null || range.last == null) return { shoppers: 0, points: 0 };

  const bound = utc(dueClockBound(at, months));
  const atSql = utc(at);
  const outcome: ForfeitureOutcome = { shoppers: 0, points: 0 };
  for (let from = range.first; from <= range.last; from += idsPerBatch) {
    const to = from + idsPerBatch;
    const batch = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${RUN_LOCK}, 0))`;
        // `due`: the indexed clock is compared with a constant first (dueClockBound), the exact date after.
        //   FOR UPDATE waits for anyone changing these shoppers (a prize order, a credit) and re-checks the
        //   conditions on the row as they left it: a shopper who just ordered a prize drops out, and the
        //   amount is the balance as it stands under the lock.
        // `entries`: one FORFEITURE entry each, −balance, leaving 0. An entry already written for this clock
        //   (only possible if the data were edited by hand) is skipped, and so is its shopper's update.
        // `zeroed`: the balance goes down by exactly the entry's amount (the CHECK keeps it >= 0) and the
        //   clock stops; the caller verifies it reached 0 and rolls the batch back otherwise.
        const [row] = await tx.$queryRaw<BatchRow[]>`
          WITH due AS (
            SELECT id, points_balance AS points, inactivity_clock_from AS clock_from
              FROM users
             WHERE id >= ${from} AND id < ${to}
               AND points_balance > 0
               AND inactivity_clock_from <= ${bound}
               AND ${forfeitAtSql(months)} <= ${atSql}
               FOR UPDATE
          ),
          entries AS (
            INSERT INTO ledger_entries (customer_id, kind, amount, balance_after, reason, idempotency_key, created_at)
            SELECT id, 'FORFEITURE'::"LedgerEntryKind", -points, 0, ${reason}, 'forfeit:' || id || ':' || ${clockIsoSql(Prisma.sql`clock_from`)}, ${atSql}
              FROM due
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING customer_id, -amount AS points
          ),
          zeroed AS (
            UPDATE users u
               SET points_balance = u.points_balance - e.points, inactivity_clock_from = NULL, updated_at = ${atSql}
              FROM entries e
             WHERE u.id = e.customer_id
            RETURNING u.points_balance AS left_over, e.points
          )
          SELECT (SELECT count(*) FROM due)::int AS due,
                 (SELECT count(*) FROM entries)::int AS written,
                 count(*)::int AS shoppers,
                 coalesce(sum(points), 0)::bigint AS points,
                 coalesce(bool_and(left_over = 0), true) AS emptied
            FROM zeroed`;
        if (!row || row.shoppers !== row.written || !row.emptied) {
          throw new Error(`forfeiture batch ${from}–${to - 1} would leave a balance unequal to its ledger (${JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}); rolled back`);
        }
        if (row.due !== row.written) {
          logger.warn({ event: "forfeiture.already-written", shoppers: row.due - row.written, from, to: to - 1 }, `forfeiture: ${row.due - row.written} due shopper(s) in ${from}–${to - 1} already have a forfeiture entry for their current clock; left untouched`);
        }
        return row;
      },
      // Waiting for the other run's batch (the advisory lock) counts towards the timeout.
      { maxWait: 30_000, timeout: 120_000 },
    );
    outcome.shoppers += batch.shoppers;
    outcome.points += Number(batch.points);
  }
  return outcome;
}
