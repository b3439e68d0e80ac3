import "server-only";
import type { PartKind } from "@/generated/prisma/enums";
import { addDays } from "@/lib/moscow-time";
import { db } from "@/server/db/client";
import { PART_DECISION_FACTS, totalFactsSql } from "./figures-facts";
import { type FiguresRange, num } from "./figures-range";

export interface PartApproval {
  kind: PartKind;
  decided: number;
  approved: number;
  rejected: number;
  /** approved / decided, 0…1; null when nothing was decided. */
  rate: number | null;
}

/**
 * Approval rate by part: parts whose current decision was taken in the range, approved ÷ decided. A part
 * rejected and then re-submitted counts once, with its latest decision (the one the shopper lives with);
 * parts waiting for a decision do not count.
 */
export async function approvalFigures(range: FiguresRange): Promise<PartApproval[]> {
  const rows = await db.$queryRaw<Record<"review_approved" | "review_rejected" | "receipt_approved" | "receipt_rejected", bigint>[]>(
    totalFactsSql(PART_DECISION_FACTS, range.from, addDays(range.to, 1)),
  );
  const totals = rows[0];
  return (["REVIEW", "RECEIPT"] as const).map((kind) => {
    const approved = num(kind === "REVIEW" ? totals?.review_approved : totals?.receipt_approved);
    const rejected = num(kind === "REVIEW" ? totals?.review_rejected : totals?.receipt_rejected);
    const decided = approved + rejected;
    return { kind, decided, approved, rejected, rate: decided ? approved / decided : null };
  });
}
