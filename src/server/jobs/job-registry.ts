import "server-only";
import { z } from "zod";
import { PROGRAMME_TIME_ZONE } from "@/lib/moscow-time";
import { sendStaffDigests } from "@/server/domain/digests/send-staff-digests";
import { closeFiguresDays } from "@/server/domain/figures/close-figures-days";
import { runForfeiture } from "@/server/domain/forfeiture/run-forfeiture";
import { sendForfeitureWarnings } from "@/server/domain/forfeiture/send-forfeiture-warnings";
import { sweepObjectDeletions } from "@/server/domain/storage/sweep-object-deletions";
import { purgeOldSignInRecords } from "@/server/auth/sign-in-trust";
import { checkReceiptThenDecide } from "@/server/domain/auto-moderation/check-receipt-then-decide";
import { RECEIPT_CHECK_MAX_ATTEMPTS, RECEIPT_CHECK_QUEUE, RECEIPT_CHECK_RETRY_DELAY_SECONDS } from "@/server/domain/receipt-checks/receipt-check-policy";
import { sweepReceiptChecks } from "@/server/domain/receipt-checks/sweep-receipt-checks";
import { sweepEmailOutbox } from "@/server/messaging/sweep-email-outbox";

/** Every schedule is Moscow wall-clock time, the programme's time zone. */
export const JOB_TIME_ZONE = PROGRAMME_TIME_ZONE;

export interface JobDefinition {
  /** The pg-boss queue's name. */
  name: string;
  /** Standard five-field cron, read in JOB_TIME_ZONE. */
  cron: string;
  /** What it does, for people reading the registry (the README has the same table). */
  description: string;
  /**
   * How pg-boss treats a run that throws: retries (with exponential backoff from retryDelay seconds) and
   * how long a run may take before it counts as failed. Every handler is idempotent, so a retry after a
   * crash half-way is safe.
   */
  retryLimit: number;
  retryDelaySeconds: number;
  expireInMinutes: number;
  /** Also queued once whenever a worker starts: catches up after a deploy or a first start. */
  runOnStart?: boolean;
  /** The work, at the instant the run started. Returns a summary kept as the job's output. */
  run(context: { at: Date }): Promise<object | void>;
}

/** The portal's background jobs, all in one place: the runner registers each worker and schedule from here. */
export const JOBS: readonly JobDefinition[] = [
  {
    name: "email-outbox",
    cron: "* * * * *",
    description: "sends queued emails and retries failed ones past their backoff (the outbox sweep)",
    // The next minute's run is the retry: the outbox rows carry their own attempts and backoff.
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInMinutes: 5,
    run: () => sweepEmailOutbox(),
  },
  {
    name: "storage-deletions",
    cron: "*/5 * * * *",
    description: "retries deleting stored image files whose deletion failed (privacy deletions, removed prize pictures)",
    // The next run is the retry: each pending deletion carries its own attempts and backoff.
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInMinutes: 10,
    runOnStart: true,
    run: ({ at }) => sweepObjectDeletions({ at }),
  },
  {
    name: "figures-rollup",
    cron: "15 0 * * *",
    description: "closes the staff figures' past days into the daily rollups (yesterday, and any day changed since its close)",
    retryLimit: 5,
    retryDelaySeconds: 120,
    // The first run after a deploy backfills the programme's history: about 40 s for a year of 1M requests.
    expireInMinutes: 60,
    runOnStart: true,
    run: ({ at }) => closeFiguresDays({ at }),
  },
  {
    name: "staff-digest",
    cron: "0 9 * * *",
    description: "emails moderators and brand staff what is overdue or due soon",
    retryLimit: 5,
    retryDelaySeconds: 60,
    expireInMinutes: 15,
    run: ({ at }) => sendStaffDigests({ at }),
  },
  {
    name: "forfeiture",
    cron: "0 3 * * *",
    description: "sends forfeiture warnings (30 and 7 days ahead), then writes off the balances whose 6 months have run out",
    retryLimit: 5,
    retryDelaySeconds: 300,
    // Set-based over millions of shoppers: minutes, not seconds.
    expireInMinutes: 120,
    // Warnings first, so that today's warnings are out before anything is written off; the two touch
    // different shoppers (forfeiting today was warned weeks ago), so a failure of one never holds up the other.
    run: async ({ at }) => {
      let warningsFailure: unknown = null;
      const warnings = await sendForfeitureWarnings({ at }).catch((error: unknown) => {
        warningsFailure = error;
        return null;
      });
      const forfeiture = await runForfeiture({ at });
      // The run fails (and is retried: both steps are idempotent) when either step did.
      if (warningsFailure) throw warningsFailure;
      return { warnings, forfeiture };
    },
  },
  {
    name: "sign-in-records-purge",
    cron: "30 3 * * *",
    description: "deletes browser marks and sign-in addresses not seen for 12 months (the fraud signals' retention)",
    retryLimit: 5,
    retryDelaySeconds: 300,
    expireInMinutes: 15,
    run: ({ at }) => purgeOldSignInRecords({ at }),
  },
  {
    name: "receipt-check-sweep",
    cron: "* * * * *",
    description: "queues again the receipt checks that lost their job (the queue was unreachable after filing, a worker died mid-check)",
    // The next minute's run is the retry.
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInMinutes: 5,
    run: ({ at }) => sweepReceiptChecks({ at }),
  },
];

/**
 * A queue of work sent on demand (`enqueueJob` in job-queue.ts) rather than by a schedule: each job carries
 * its own data. pg-boss retries a run that throws, with exponential backoff from retryDelaySeconds.
 */
export interface QueueDefinition<T extends object = object> {
  name: string;
  description: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInMinutes: number;
  /** How often an idle worker asks for work: on-demand work is waited for by someone. */
  pollingIntervalSeconds: number;
  /** The work for one job; throwing asks for a retry. Returns a summary kept as the job's output. */
  run(context: { at: Date; data: T; retryCount: number }): Promise<object | void>;
}

const receiptCheckData = z.object({ receiptId: z.number().int().positive() });

/** The on-demand queues: the runner registers a worker for each (no schedule). */
export const QUEUES: readonly QueueDefinition[] = [
  {
    name: RECEIPT_CHECK_QUEUE,
    description: "checks one receipt online (proverkacheka.com) after filing or a moderator's re-check; \"try later\" answers are retried with backoff, then FAILED",
    // One more than the attempts: a run lost to a crash still leaves the receipt its last try (the receipt row counts the attempts).
    retryLimit: RECEIPT_CHECK_MAX_ATTEMPTS,
    retryDelaySeconds: RECEIPT_CHECK_RETRY_DELAY_SECONDS,
    // The service's own timeout is 15 s.
    expireInMinutes: 2,
    pollingIntervalSeconds: 2,
    // Then the automatic rules, once the answer is in.
    run: ({ data }) => checkReceiptThenDecide({ receiptId: receiptCheckData.parse(data).receiptId }),
  },
];
