import "server-only";
import { FORFEITURE_WARNING_TEMPLATE, renderForfeitureWarningEmail } from "@emails/forfeiture-warning";
import type { RenderedEmail } from "@emails/render-email";
import { Prisma } from "@/generated/prisma/client";
import { formatDate } from "@/lib/format";
import { DAY_MS } from "@/lib/moscow-time";
import { FIRST_FORFEITURE_WARNING_DAYS, LAST_FORFEITURE_WARNING_DAYS } from "@/lib/rules/forfeiture-warnings";
import { forfeitureCountdownText } from "@/lib/forfeiture-text";
import { db } from "@/server/db/client";
import { utcTimestampSql as utc } from "@/server/db/moscow-time-sql";
import { portalUrl } from "@/server/http/portal-url";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { dueClockBound } from "./forfeiture-date";
import { forfeitAtSql } from "./forfeiture-sql";
import { logger } from "@/server/observability/logger";

/**
 * Shoppers per batch: one query picks them, their emails are rendered (outside any transaction), and one
 * short transaction records the warnings, the cabinet notifications and the emails together.
 */
const SHOPPERS_PER_BATCH = 500;

/**
 * Rendered emails kept for the run, by content (points, date, lead time): most shoppers share one with many
 * others (a handful of balances, one date per day), so a run renders hundreds, not tens of thousands. The
 * cap (a few MiB of HTML) keeps memory flat whatever the variety.
 */
const RENDER_CACHE_LIMIT = 1_000;
type RenderCache = Map<string, Promise<RenderedEmail | null>>;

export const PRIZES_PATH = "/cabinet/prizes";

export interface WarningOutcome {
  /** Warnings recorded now (each one also a cabinet notification). */
  warned: number;
  /** Of those, emails queued in the outbox (shoppers with a notification address). */
  emailed: number;
}

interface Candidate {
  id: number;
  clockFrom: Date;
  points: number;
  contactEmail: string | null;
  forfeitAt: Date;
  daysBefore: number;
}

/**
 * The daily forfeiture warnings (docs/rules/forfeiture.md), 30 and 7 days before the forfeiture date
 * (forfeiture-date.ts): each recorded once per clock period and lead time (forfeiture_warnings is unique
 * on customer, clock, days), with a cabinet notification always and an email where the shopper gave an
 * address. Which one is due follows from the date alone, so a shopper the 30-day run missed (the job did
 * not run) still gets the 7-day one, one already within 7 days gets only that, and none goes out once the
 * date has passed (the forfeiture takes the points). A new clock (a prize order, points after a
 * forfeiture) is a new period with warnings of its own. Blocked and anonymised shoppers are not written to
 * (they cannot act on it); their points are forfeited all the same.
 *
 * Idempotent: the unique key decides which run records a warning, and only the run that recorded it
 * queues the email (whose dedupe key `forfeit-warning:<user>:<clock>:<days>` guards the outbox as well).
 * `shoppersPerBatch` is for tests.
 */
export async function sendForfeitureWarnings({ at, shoppersPerBatch = SHOPPERS_PER_BATCH }: { at: Date; shoppersPerBatch?: number }): Promise<WarningOutcome> {
  if (!Number.isInteger(shoppersPerBatch) || shoppersPerBatch < 1) throw new RangeError(`shoppersPerBatch must be a positive integer, got ${shoppersPerBatch}`);
  const { forfeitureMonths: months } = await getProgrammeSettings();
  const atSql = utc(at);
  // Everyone warned today has a forfeiture date within the first warning's days: the clock bound for that
  // date keeps the scan to clocks that can qualify before the exact date is computed.
  const bound = utc(dueClockBound(new Date(at.getTime() + FIRST_FORFEITURE_WARNING_DAYS * DAY_MS), months));
  const outcome: WarningOutcome = { warned: 0, emailed: 0 };
  const rendered: RenderCache = new Map();

  for (let after = 0; ; ) {
    const candidates = await db.$queryRaw<Candidate[]>`
      SELECT u.id, u.inactivity_clock_from AS "clockFrom", u.points_balance AS points, u.contact_email AS "contactEmail",
             d.forfeit_at AS "forfeitAt", w.days_before AS "daysBefore"
        FROM users u
        CROSS JOIN LATERAL (SELECT ${forfeitAtSql(months, Prisma.sql`u.inactivity_clock_from`)} AS forfeit_at) d
        CROSS JOIN LATERAL (SELECT CASE WHEN d.forfeit_at - make_interval(days => ${LAST_FORFEITURE_WARNING_DAYS}::int) <= ${atSql} THEN ${LAST_FORFEITURE_WARNING_DAYS}::int ELSE ${FIRST_FORFEITURE_WARNING_DAYS}::int END AS days_before) w
       WHERE u.id > ${after}
         AND u.points_balance > 0 AND u.is_active AND u.anonymised_at IS NULL
         AND u.inactivity_clock_from <= ${bound}
         AND d.forfeit_at > ${atSql} AND d.forfeit_at - make_interval(days => ${FIRST_FORFEITURE_WARNING_DAYS}::int) <= ${atSql}
         AND NOT EXISTS (SELECT 1 FROM forfeiture_warnings f
                          WHERE f.customer_id = u.id AND f.clock_from = u.inactivity_clock_from AND f.days_before = w.days_before)
       ORDER BY u.id
       LIMIT ${shoppersPerBatch}`;
    if (candidates.length === 0) break;
    const batch = await recordWarnings(candidates, { at, months, rendered });
    outcome.warned += batch.warned;
    outcome.emailed += batch.emailed;
    if (candidates.length < shoppersPerBatch) break;
    after = candidates[candidates.length - 1]!.id;
  }
  return outcome;
}

async function recordWarnings(candidates: Candidate[], context: { at: Date; months: number; rendered: RenderCache }): Promise<WarningOutcome> {
  const emails = await renderEmails(candidates, context.months, context.rendered);
  return db.$transaction(async (tx) => {
    // One statement: the warnings (only for shoppers whose clock and balance are still what was read, so a
    // prize ordered meanwhile cancels the warning), and a cabinet notification for each one recorded.
    const recorded = await tx.$queryRaw<{ customerId: number }[]>`
      WITH input AS (
        SELECT * FROM unnest(${candidates.map((c) => c.id)}::int[],
                             ${candidates.map((c) => c.clockFrom.toISOString().slice(0, 23))}::text[]::timestamp[],
                             ${candidates.map((c) => c.daysBefore)}::int[],
                             ${candidates.map((c) => c.forfeitAt.toISOString().slice(0, 23))}::text[]::timestamp[],
                             ${candidates.map((c) => c.points)}::int[],
                             ${candidates.map((c) => emails.has(c.id))}::boolean[],
                             ${candidates.map((c) => `${forfeitureCountdownText(c.points, c.forfeitAt)}.`)}::text[])
                 AS t(customer_id, clock_from, days_before, forfeit_at, points, with_email, body)
      ),
      warned AS (
        INSERT INTO forfeiture_warnings (customer_id, clock_from, days_before, forfeit_at, points, channels, created_at)
        SELECT i.customer_id, i.clock_from, i.days_before, i.forfeit_at, i.points,
               CASE WHEN i.with_email THEN ARRAY['CABINET', 'EMAIL'] ELSE ARRAY['CABINET'] END::"ForfeitureWarningChannel"[],
               ${utc(context.at)}
          FROM input i
          JOIN users u ON u.id = i.customer_id AND u.inactivity_clock_from = i.clock_from AND u.points_balance > 0
        ON CONFLICT (customer_id, clock_from, days_before) DO NOTHING
        RETURNING customer_id
      ),
      notified AS (
        INSERT INTO notifications (user_id, title, body, link, created_at)
        SELECT i.customer_id, 'Баллы скоро сгорят', i.body, ${PRIZES_PATH}, ${utc(context.at)}
          FROM warned w JOIN input i ON i.customer_id = w.customer_id
      )
      SELECT customer_id AS "customerId" FROM warned`;
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    const outbox = recorded.flatMap(({ customerId }) => {
      const candidate = byId.get(customerId)!;
      const email = emails.get(customerId);
      if (!email || !candidate.contactEmail) return [];
      return [
        {
          channel: "EMAIL" as const,
          status: "PENDING" as const,
          recipient: candidate.contactEmail,
          ...email,
          template: FORFEITURE_WARNING_TEMPLATE,
          dedupeKey: `forfeit-warning:${customerId}:${candidate.clockFrom.toISOString()}:${candidate.daysBefore}`,
        },
      ];
    });
    // Into the outbox in the warnings' transaction, as queueEmail does one at a time; the outbox job
    // delivers them. skipDuplicates: a dedupe key already there must not roll the warnings back.
    const queued = outbox.length ? await tx.outboxMessage.createMany({ data: outbox, skipDuplicates: true }) : { count: 0 };
    return { warned: recorded.length, emailed: queued.count };
  });
}

/**
 * The emails of a batch, by shopper. Shoppers with the same points, date and lead time get the same email,
 * rendered once per run (see RENDER_CACHE_LIMIT). A rendering failure costs that email only (logged): the
 * warning and the cabinet notification are recorded regardless, as for every other email the portal sends.
 */
async function renderEmails(candidates: Candidate[], months: number, rendered: RenderCache): Promise<Map<number, RenderedEmail>> {
  if (rendered.size > RENDER_CACHE_LIMIT) rendered.clear();
  const emails = new Map<number, RenderedEmail>();
  const prizesUrl = portalUrl(PRIZES_PATH);
  const cabinetUrl = portalUrl("/cabinet");
  for (const candidate of candidates) {
    if (!candidate.contactEmail) continue;
    const key = `${candidate.points}|${formatDate(candidate.forfeitAt)}|${candidate.daysBefore}`;
    let email = rendered.get(key);
    if (!email) {
      email = renderForfeitureWarningEmail({ points: candidate.points, forfeitAt: candidate.forfeitAt, daysBefore: candidate.daysBefore, months, prizesUrl, cabinetUrl }).catch(
        (error: unknown) => {
          logger.error({ event: "email.render-failed", key, err: error }, `email: rendering the forfeiture warning (${key}) failed`);
          return null;
        },
      );
      rendered.set(key, email);
    }
    const result = await email;
    if (result) emails.set(candidate.id, result);
  }
  return emails;
}
