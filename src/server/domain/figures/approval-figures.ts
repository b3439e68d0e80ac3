import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PartKind } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
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
  const rows = await db.$queryRaw<{ kind: PartKind; approved: bigint; rejected: bigint }[]>(Prisma.sql`
    SELECT kind::text AS kind,
           count(*) FILTER (WHERE status = 'APPROVED') AS approved,
           count(*) FILTER (WHERE status = 'REJECTED') AS rejected
      FROM request_parts
     WHERE status IN ('APPROVED', 'REJECTED') AND decided_at >= ${range.startSql} AND decided_at < ${range.endSql}
     GROUP BY kind`);
  return (["REVIEW", "RECEIPT"] as const).map((kind) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    const approved = num(row?.approved);
    const rejected = num(row?.rejected);
    const decided = approved + rejected;
    return { kind, decided, approved, rejected, rate: decided ? approved / decided : null };
  });
}
