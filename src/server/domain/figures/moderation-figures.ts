import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/lib/moscow-time";
import { AUTOMATIC_DECIDER_NAME, AUTOMATION_RULE_LABEL, type AutomationRule } from "@/lib/rules/automation-rules";
import { db } from "@/server/db/client";
import { closedDayIn, liveDaysCte, MODERATION_FACTS_LIVE, MODERATION_TIME_FACTS_LIVE } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";
import { type HistogramBucket, histogramPercentile } from "./histogram-percentile";

export interface DeciderFigures {
  /** `moderator:<id>` or `rule:<rule>`. */
  decider: string;
  kind: "MODERATOR" | "RULE";
  name: string;
  decisions: number;
  decisionsPerDay: number;
  /** Median time from the part's opening (filing or re-submission) to the decision, in hours; null if none. */
  medianHours: number | null;
  /** Decisions made by the request's due time, of all. */
  slaKeptShare: number | null;
  /** The decider's decisions that a later decision changed, counted on the later one's day. */
  reversals: number;
}

export interface ModerationFigures {
  deciders: DeciderFigures[];
  decisions: number;
  /** Of all decisions in the range, the share made by the automatic rules. */
  ruleShare: number | null;
  /** Every rule together, as one line. */
  rules: Omit<DeciderFigures, "decider" | "kind" | "name"> | null;
}

/**
 * Moderation figures per decider over a range (docs/rules/figures.md, "Moderation"): per moderator and per rule,
 * decisions per day, median time from opening to decision, SLA kept, reversals; and the share decided by
 * rules. Closed days come from figures_day_moderation(_times), the rest is computed live with the same SQL.
 */
export async function moderationFigures(range: FiguresRange): Promise<ModerationFigures> {
  const toExclusive = addDays(range.to, 1);
  const [counts, times] = await Promise.all([
    db.$queryRaw<{ decider: string; decisions: bigint; within_sla: bigint; reversals: bigint }[]>(Prisma.sql`
      WITH ${liveDaysCte(range.from, toExclusive)}
      SELECT decider, sum(decisions)::int8 AS decisions, sum(within_sla)::int8 AS within_sla, sum(reversals)::int8 AS reversals FROM (
        SELECT f.decider, f.decisions::int8, f.within_sla::int8, f.reversals::int8 FROM figures_day_moderation f WHERE ${closedDayIn("f", range.from, toExclusive)}
        UNION ALL
        SELECT decider, decisions, within_sla, reversals FROM (${MODERATION_FACTS_LIVE}) live
      ) t GROUP BY decider`),
    db.$queryRaw<{ decider: string; bucket: number; decisions: bigint; seconds_sum: number }[]>(Prisma.sql`
      WITH ${liveDaysCte(range.from, toExclusive)}
      SELECT decider, bucket, sum(decisions)::int8 AS decisions, sum(seconds_sum)::float8 AS seconds_sum FROM (
        SELECT f.decider, f.bucket, f.decisions::int8, f.seconds_sum FROM figures_day_moderation_times f WHERE ${closedDayIn("f", range.from, toExclusive)}
        UNION ALL
        SELECT decider, bucket, decisions, seconds_sum FROM (${MODERATION_TIME_FACTS_LIVE}) live
      ) t GROUP BY decider, bucket`),
  ]);
  const histograms = new Map<string, HistogramBucket[]>();
  for (const row of times) {
    const list = histograms.get(row.decider) ?? [];
    list.push({ bucket: row.bucket, count: num(row.decisions), sum: row.seconds_sum });
    histograms.set(row.decider, list);
  }
  const moderatorIds = counts.flatMap((row) => (row.decider.startsWith("moderator:") ? [Number(row.decider.slice("moderator:".length))] : []));
  const people = new Map((await db.user.findMany({ where: { id: { in: moderatorIds } }, select: { id: true, name: true, email: true } })).map((user) => [user.id, user.name ?? user.email ?? `№${user.id}`]));

  const line = (decisions: number, withinSla: number, reversals: number, histogram: HistogramBucket[]) => {
    const median = histogramPercentile(histogram, 0.5);
    return {
      decisions,
      decisionsPerDay: decisions / range.days,
      medianHours: median === null ? null : median / 3600,
      slaKeptShare: decisions === 0 ? null : withinSla / decisions,
      reversals,
    };
  };
  const deciders: DeciderFigures[] = counts
    .filter((row) => num(row.decisions) > 0 || num(row.reversals) > 0)
    .map((row) => {
      const isRule = row.decider.startsWith("rule:");
      const rule = row.decider.slice("rule:".length) as AutomationRule;
      const id = Number(row.decider.slice("moderator:".length));
      return {
        decider: row.decider,
        kind: isRule ? ("RULE" as const) : ("MODERATOR" as const),
        name: isRule ? `${AUTOMATIC_DECIDER_NAME}: ${AUTOMATION_RULE_LABEL[rule]?.title ?? rule}` : (people.get(id) ?? `№${id}`),
        ...line(num(row.decisions), num(row.within_sla), num(row.reversals), histograms.get(row.decider) ?? []),
      };
    })
    .sort((a, b) => (a.kind === b.kind ? b.decisions - a.decisions || a.name.localeCompare(b.name, "ru") : a.kind === "MODERATOR" ? -1 : 1));

  const ruleRows = counts.filter((row) => row.decider.startsWith("rule:"));
  const decisions = counts.reduce((sum, row) => sum + num(row.decisions), 0);
  const ruleDecisions = ruleRows.reduce((sum, row) => sum + num(row.decisions), 0);
  return {
    deciders,
    decisions,
    ruleShare: decisions === 0 ? null : ruleDecisions / decisions,
    rules:
      ruleRows.length === 0
        ? null
        : line(
            ruleDecisions,
            ruleRows.reduce((sum, row) => sum + num(row.within_sla), 0),
            ruleRows.reduce((sum, row) => sum + num(row.reversals), 0),
            ruleRows.flatMap((row) => histograms.get(row.decider) ?? []),
          ),
  };
}
