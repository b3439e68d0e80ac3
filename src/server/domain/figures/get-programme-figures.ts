import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { moscowDateKey } from "@/lib/moscow-time";
import { now } from "@/server/clock";
import { type PartApproval, approvalFigures } from "./approval-figures";
import { type CohortRow, cohortFigures } from "./cohort-figures";
import { type DecisionFigures, decisionFigures } from "./decision-figures";
import { type FiguresRange, type FiguresRangeInput, resolveFiguresRange } from "./figures-range";
import { type LowStockPrize, type OrderFigures, lowStockPrizes, orderFigures } from "./order-figures";
import { type ModerationFigures, moderationFigures } from "./moderation-figures";
import { type ParticipantFigures, participantFigures } from "./participant-figures";
import { type PointFigures, pointFigures } from "./point-figures";
import { type TopProduct, topProducts } from "./product-figures";
import { type ReceiptFigures, receiptFigures } from "./receipt-figures";
import { type RepeatFigures, repeatFigures } from "./repeat-figures";
import { type RequestFigures, requestFigures } from "./request-figures";

export interface ProgrammeFigures {
  range: Pick<FiguresRange, "from" | "to" | "days"> & { today: string };
  participants: ParticipantFigures;
  requests: RequestFigures;
  approval: PartApproval[];
  decisions: DecisionFigures;
  points: PointFigures;
  orders: OrderFigures;
  lowStock: LowStockPrize[];
  topProducts: TopProduct[];
  receipts: ReceiptFigures;
  repeat: RepeatFigures;
  cohorts: CohortRow[];
  moderation: ModerationFigures;
}

/**
 * Every figure of the staff dashboard for one Moscow date range. The blocks are independent set-based
 * queries, run side by side on the pool.
 */
export async function getProgrammeFigures(actor: StaffActor, input: FiguresRangeInput): Promise<ProgrammeFigures> {
  assertActorRole(actor, AREA_ROLES.staff);
  const at = now();
  const range = resolveFiguresRange(input, at);
  const [participants, requests, approval, decisions, points, orders, lowStock, products, receipts, repeat, cohorts, moderation] = await Promise.all([
    participantFigures(range),
    requestFigures(range),
    approvalFigures(range),
    decisionFigures(range, at),
    pointFigures(range),
    orderFigures(range),
    lowStockPrizes(),
    topProducts(range),
    receiptFigures(range),
    repeatFigures(range),
    cohortFigures(range),
    moderationFigures(range),
  ]);
  return {
    range: { from: range.from, to: range.to, days: range.days, today: moscowDateKey(at) },
    participants,
    requests,
    approval,
    decisions,
    points,
    orders,
    lowStock,
    topProducts: products,
    receipts,
    repeat,
    cohorts,
    moderation,
  };
}
