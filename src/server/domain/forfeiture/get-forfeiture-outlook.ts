import "server-only";
import type { Actor } from "@/server/auth/session";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { getProgrammeSettings } from "@/server/settings/programme-settings";
import { DAY_MS } from "@/lib/moscow-time";
import { FIRST_FORFEITURE_WARNING_DAYS } from "@/lib/rules/forfeiture-warnings";
import { daysLeft, forfeitureDate } from "./forfeiture-date";

export interface ForfeitureOutlook {
  /** The balance that goes if no prize is ordered in time. */
  points: number;
  /** When it goes (the nightly run takes it on its first run at or after this instant). */
  forfeitAt: Date;
  /** Whole days left, rounded up; 0 once the date has passed and the run has not yet come. */
  daysLeft: number;
  /** Within the first warning's lead time (30 days): the cabinet emphasises the countdown. */
  urgent: boolean;
}

/**
 * The shopper's own forfeiture countdown for the cabinet's front page: shown whenever they hold points.
 * Null with no points (nothing to lose), and with points but no clock, which appendLedgerEntry never
 * leaves (points credited onto an empty balance start it) and which the forfeiture run leaves alone too.
 */
export async function getForfeitureOutlook(actor: Actor, at: Date = now()): Promise<ForfeitureOutlook | null> {
  const [user, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { pointsBalance: true, inactivityClockFrom: true } }),
    getProgrammeSettings(),
  ]);
  if (user.pointsBalance <= 0 || !user.inactivityClockFrom) return null;
  const forfeitAt = forfeitureDate(user.inactivityClockFrom, settings.forfeitureMonths);
  const left = daysLeft(forfeitAt, at);
  return { points: user.pointsBalance, forfeitAt, daysLeft: left, urgent: forfeitAt.getTime() - at.getTime() <= FIRST_FORFEITURE_WARNING_DAYS * DAY_MS };
}
